using Corner.Web.Data;
using Corner.Web.Features.Export;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using static Corner.Web.Features.Export.ExportDates;

namespace Corner.Web.Features.CheckIns;

/// <summary>Check-ins in the export: all of the person's own (with their private notes), and in each space the
/// shared check-ins of both, with their reflections. The other person's private check-ins have no share: never here.</summary>
public sealed class CheckInsExport(CornerDbContext db, CheckInQueries queries, FieldEncryption encryption, TimeProvider clock,
    IStringLocalizer<CheckInsText> text) : IExportSource
{
    public string Practice => "check_ins";

    /// <summary>Feelings by their words ("annoyed"), as the check-in page shows them.</summary>
    private string Words(IEnumerable<string> feelings) => List(feelings.Select(f => text[Feelings.TextKey(f)].Value));

    public async Task<IReadOnlyList<ExportEntry>> PrivateAsync(Guid personId, CancellationToken ct)
    {
        var mine = await db.Set<CheckIn>().AsNoTracking().Where(c => c.PersonId == personId).OrderBy(c => c.LocalDate).ToListAsync(ct);
        var entries = new List<ExportEntry>(mine.Count);
        foreach (var c in mine)
        {
            var note = c.NoteCipher is null ? null : await encryption.DecryptAsync(personId, CheckInRecorder.PersonalNoteField(c.Id), c.NoteCipher, ct);
            entries.Add(new ExportEntry("check_in", true, null, Start(c.LocalDate),
            [
                new("day", Day(c.LocalDate)), new("surface_feelings", Words(c.SurfaceFeelings)),
                new("underlying_feelings", Words(c.UnderlyingFeelings)), new("intensity", c.Intensity.ToString()), new("note", note),
            ]));
        }
        return entries;
    }

    public async Task<IReadOnlyList<ExportEntry>> InSpaceAsync(ExportSpace space, Guid personId, CancellationToken ct)
    {
        var first = DateOnly.FromDateTime(space.CreatedAt.UtcDateTime).AddDays(-1);
        var last = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(2);
        var entries = new List<ExportEntry>();
        foreach (var s in await queries.SharedInBondAsync(space.Id, personId, first, last, ct))
        {
            entries.Add(new ExportEntry("shared_check_in", s.Mine, s.AuthorName, Start(s.LocalDate),
            [
                new("day", Day(s.LocalDate)), new("surface_feelings", Words(s.SurfaceFeelings)),
                new("underlying_feelings", Words(s.UnderlyingFeelings)), new("intensity", s.Intensity.ToString()),
                new("supported", s.Supported.ToString()), new("note", s.Note),
            ]));
            entries.AddRange(s.Reflections.Select(r => new ExportEntry("reflection", r.ByMe, r.AuthorName, Start(s.LocalDate),
                [new("on_check_in_of", Day(s.LocalDate)), new("feeling", text[Feelings.TextKey(r.Feeling)].Value), new("words", r.Words), new("response", r.Response)])));
        }

        // The person's own reflections on a check-in that is no longer here (un-shared, or its author deleted their
        // account): still their words, so still in their export.
        var orphans = await db.Set<Reflection>().AsNoTracking()
            .Where(r => r.BondId == space.Id && r.AuthorId == personId)
            .Where(r => !db.Set<CheckInShare>().Any(x => x.CheckInId == r.CheckInId && x.BondId == r.BondId))
            .OrderBy(r => r.CreatedAt).ToListAsync(ct);
        foreach (var r in orphans)
        {
            var words = r.WordsCipher is null ? null : await encryption.DecryptAsync(space.Id, ReflectionWriter.WordsField(r.Id), r.WordsCipher, ct);
            entries.Add(new ExportEntry("reflection", true, null, r.CreatedAt,
                [new("on_check_in_of", text["Export_CheckInGone"].Value), new("feeling", text[Feelings.TextKey(r.Feeling)].Value), new("words", words)]));
        }
        return entries;
    }
}
