using System.Text.Json;
using Corner.Web.Data;
using Corner.Web.Infrastructure;
using Corner.Web.Infrastructure.Jobs;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Corner.Web.Features.Export;

/// <summary>
/// Builds one export. The reading is done in a scope of its own that acts as the person (row-level security: it can
/// see only what they can see in Corner), step by step, so the export page can show how far it has got. The file is
/// sealed under the person's data key; then a content-free email says it is ready.
/// </summary>
public sealed class ExportJob(IServiceScopeFactory scopes, EmailSender email, IOptions<CornerOptions> options, TimeProvider clock,
    IStringLocalizer<ExportText> text, ILogger<ExportJob> logger) : IJobHandler
{
    /// <summary>After this many failed tries the export is marked failed, so the page can offer a new one.</summary>
    public const int Tries = 3;

    public string Kind => Exports.BuildKind;

    public async Task HandleAsync(JobContext job, CancellationToken ct)
    {
        var payload = job.Payload.Deserialize<ExportPayload>() ?? throw new JsonException("Empty export payload");
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CornerDbContext>();
        await db.ActAsAsync(payload.PersonId, ct);

        Task<int> SetAsync(Func<IQueryable<ExportFile>, Task<int>> update) =>
            db.InTransactionAsync(() => update(db.Set<ExportFile>().Where(x => x.Id == payload.ExportId && x.PersonId == payload.PersonId)), ct);

        var started = await SetAsync(q => q.Where(x => x.State == ExportStates.Queued || x.State == ExportStates.Building)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, ExportStates.Building).SetProperty(x => x.Progress, (short)0), ct));
        if (started == 0)
            return; // ready, failed, or already cleared

        string? address;
        try
        {
            var document = await scope.ServiceProvider.GetRequiredService<ExportBuilder>().BuildAsync(payload.PersonId,
                percent => SetAsync(q => q.ExecuteUpdateAsync(s => s.SetProperty(x => x.Progress, (short)percent), ct)), ct);
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(document.Person.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
            var zip = Exports.Zip(document, ExportHtml.Render(document, text, zone), text["Export_Readme"].Value);

            var encryption = scope.ServiceProvider.GetRequiredService<FieldEncryption>();
            var now = clock.GetUtcNow();
            await db.InTransactionAsync(async () =>
            {
                var cipher = await encryption.EncryptAsync(payload.PersonId, Exports.FileField(payload.ExportId), Convert.ToBase64String(zip), ct);
                await db.SaveChangesAsync(ct); // the person's data key, if this is the first thing sealed with it
                return await db.Set<ExportFile>().Where(x => x.Id == payload.ExportId && x.PersonId == payload.PersonId)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, ExportStates.Ready).SetProperty(x => x.Progress, (short)100)
                        .SetProperty(x => x.FileCipher, cipher).SetProperty(x => x.FileSize, zip.Length)
                        .SetProperty(x => x.ReadyAt, now).SetProperty(x => x.ExpiresAt, now + Exports.KeptFor), ct);
            }, ct);
            logger.LogInformation("Export {ExportId} ready: {Entries} entries, {Bytes} bytes", payload.ExportId, document.EntryCount, zip.Length);
            address = document.Person.Email;
        }
        catch (Exception e) when (job.Attempt >= Tries && e is not OperationCanceledException)
        {
            logger.LogWarning("Export {ExportId} failed for good: {Error}", payload.ExportId, e.GetType().Name);
            await SetAsync(q => q.ExecuteUpdateAsync(s => s.SetProperty(x => x.State, ExportStates.Failed), ct));
            return;
        }

        if (address is null)
            return;
        var baseUrl = (options.Value.PublicUrl ?? "https://localhost").TrimEnd('/');
        await email.SendAsync(address, text["Export_Email_Subject"].Value, text["Export_Email_Body", $"{baseUrl}/account/export"].Value, ct);
    }
}

/// <summary>Clears exports whose 24 hours are over (and ones that never finished): the sealed file goes with the row.
/// Every node runs it every minute; a delete of nothing is cheap (ix_exports_expires_at).</summary>
public sealed class ExportCleanup(CornerDbContext db, TimeProvider clock) : IRecurringJobStep
{
    public async Task RunAsync(CancellationToken ct)
    {
        await using (await db.SystemScopeAsync(ct))
            await db.InTransactionAsync(() => db.Set<ExportFile>().Where(x => x.ExpiresAt <= clock.GetUtcNow()).ExecuteDeleteAsync(ct), ct);
    }
}
