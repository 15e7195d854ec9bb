using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Corner.Web.Features.Export;

/// <summary>The export's <c>export.json</c>, schema <see cref="SchemaName"/> (docs/export.md).</summary>
public sealed record ExportDocument(
    string Schema, DateTimeOffset ExportedAt, ExportPerson Person, IReadOnlyList<ExportPractice> Private, IReadOnlyList<ExportSpaceSection> Spaces)
{
    public const string SchemaName = "corner-export/1";

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // The file is read by people and their tools, not put into a page: keep their words readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public int EntryCount => Private.Sum(p => p.Entries.Count) + Spaces.Sum(s => s.Practices.Sum(p => p.Entries.Count));
}

public sealed record ExportPerson(string DisplayName, string? Email, string TimeZone);

/// <summary>One practice's entries ("check_ins"), in time order.</summary>
public sealed record ExportPractice(string Practice, IReadOnlyList<ExportEntry> Entries);

public sealed record ExportSpaceSection(ExportSpace Space, IReadOnlyList<ExportPractice> Practices);
