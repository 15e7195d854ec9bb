using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Corner.Web.Data;
using Corner.Web.Infrastructure.Jobs;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Corner.Web.Features.Export;

/// <summary>A person's export: queued, being built (with progress), ready to download until it expires, or failed.</summary>
public sealed class ExportFile
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public string State { get; set; } = ExportStates.Queued;
    public short Progress { get; set; }

    /// <summary>The ZIP, sealed under the person's own data key (<see cref="Exports.FileField"/>).</summary>
    public byte[]? FileCipher { get; set; }
    public int? FileSize { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? ReadyAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

public static class ExportStates
{
    public const string Queued = "queued";
    public const string Building = "building";
    public const string Ready = "ready";
    public const string Failed = "failed";
}

public sealed class ExportFileConfiguration : IEntityTypeConfiguration<ExportFile>
{
    public void Configure(EntityTypeBuilder<ExportFile> e)
    {
        e.ToTable("exports");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>What the export page and the API show of the person's latest export (no file).</summary>
public sealed record ExportStatus(Guid Id, string State, int Progress, DateTimeOffset RequestedAt, DateTimeOffset? ReadyAt, DateTimeOffset ExpiresAt, int? Size)
{
    public bool InProgress => State is ExportStates.Queued or ExportStates.Building;
}

/// <summary>
/// Asking for an export, telling how it goes, and handing over the file. Everything is scoped to the asking person in
/// SQL (and by row-level security): another person's export is not found.
/// </summary>
public sealed class Exports(CornerDbContext db, JobQueue queue, FieldEncryption encryption, TimeProvider clock)
{
    public const string BuildKind = "export.build";

    /// <summary>How long a ready export can be downloaded.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);

    /// <summary>How long a queued or building export may take before it counts as failed (and is cleared).</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(2);

    public static FieldAddress FileField(Guid exportId) => new("exports", "file", exportId);

    public async Task<ExportStatus?> LatestAsync(Guid personId, CancellationToken ct = default) =>
        await db.Set<ExportFile>().AsNoTracking()
            .Where(x => x.PersonId == personId && x.ExpiresAt > clock.GetUtcNow())
            .OrderByDescending(x => x.RequestedAt)
            .Select(x => new ExportStatus(x.Id, x.State, x.Progress, x.RequestedAt, x.ReadyAt, x.ExpiresAt, x.FileSize))
            .FirstOrDefaultAsync(ct);

    /// <summary>Queues a new export, unless one is already on its way (then that one is returned): a double click
    /// or a second device makes one export, not two.</summary>
    public async Task<ExportStatus> RequestAsync(Guid personId, CancellationToken ct = default)
    {
        await db.TakeTurnsAsync($"export:{personId}", ct);
        if (await LatestAsync(personId, ct) is { InProgress: true } running)
            return running;

        var now = clock.GetUtcNow();
        var export = new ExportFile
        {
            Id = Guid.CreateVersion7(),
            PersonId = personId,
            State = ExportStates.Queued,
            RequestedAt = now,
            ExpiresAt = now + GiveUpAfter,
        };
        db.Add(export);
        await db.SaveChangesAsync(ct);
        await using (await db.SystemScopeAsync(ct))
            await queue.EnqueueAsync(BuildKind, new ExportPayload(export.Id, personId), now, $"export:{export.Id}", ct);
        return new ExportStatus(export.Id, export.State, 0, now, null, export.ExpiresAt, null);
    }

    /// <summary>The ZIP of the person's ready export <paramref name="exportId"/>, or null (answer 404).</summary>
    public async Task<(byte[] Zip, DateTimeOffset ReadyAt)?> FileAsync(Guid personId, Guid exportId, CancellationToken ct = default)
    {
        var export = await db.Set<ExportFile>().AsNoTracking()
            .Where(x => x.Id == exportId && x.PersonId == personId && x.State == ExportStates.Ready && x.ExpiresAt > clock.GetUtcNow())
            .Select(x => new { x.FileCipher, x.ReadyAt }).FirstOrDefaultAsync(ct);
        if (export is not { FileCipher: { } cipher, ReadyAt: { } readyAt })
            return null;
        var base64 = await encryption.DecryptAsync(personId, FileField(exportId), cipher, ct);
        return (Convert.FromBase64String(base64), readyAt);
    }

    /// <summary>The ZIP: export.json (the schema in docs/export.md), index.html (the readable copy) and a README.</summary>
    public static byte[] Zip(ExportDocument document, string html, string readme)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string content)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = document.ExportedAt;
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
            Add("export.json", JsonSerializer.Serialize(document, ExportDocument.Json));
            Add("index.html", html);
            Add("README.txt", readme);
        }
        return memory.ToArray();
    }
}

public sealed record ExportPayload(Guid ExportId, Guid PersonId);
