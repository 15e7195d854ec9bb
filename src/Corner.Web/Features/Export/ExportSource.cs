namespace Corner.Web.Features.Export;

/// <summary>
/// A feature's part of a person's export (docs/export.md). Register it from the feature's own folder with
/// <c>services.AddScoped&lt;IExportSource, MyExport&gt;()</c>. It runs as the exporting person, under row-level
/// security, and returns only what that person can see in Corner today: what they wrote, and what the other person
/// shared with them (<see cref="ExportEntry.Yours"/> false) — never what the other person kept private.
/// </summary>
public interface IExportSource
{
    /// <summary>The practice this source covers, as a snake_case key ("check_ins").</summary>
    string Practice { get; }

    /// <summary>The person's own entries that belong to no space (a private check-in, answers about themselves).</summary>
    Task<IReadOnlyList<ExportEntry>> PrivateAsync(Guid personId, CancellationToken ct) => Task.FromResult<IReadOnlyList<ExportEntry>>([]);

    /// <summary>The entries of one space the person is or was in.</summary>
    Task<IReadOnlyList<ExportEntry>> InSpaceAsync(ExportSpace space, Guid personId, CancellationToken ct);
}

/// <summary>A space as the export describes it.</summary>
public sealed record ExportSpace(Guid Id, string Name, string Kind, DateTimeOffset CreatedAt, DateTimeOffset? LeftAt, string? OtherName);

/// <summary>
/// One thing in the export: <paramref name="Kind"/> says what it is ("check_in", "reflection"), <paramref name="Yours"/>
/// whether the exporting person wrote it (otherwise <paramref name="By"/> names who did), <paramref name="At"/> when,
/// and <paramref name="Fields"/> its words and choices by name, decrypted, in the order they are shown.
/// </summary>
public sealed record ExportEntry(string Kind, bool Yours, string? By, DateTimeOffset At, IReadOnlyList<ExportField> Fields);

/// <summary>A named value of an entry; null when it was left empty.</summary>
public sealed record ExportField(string Name, string? Value);
