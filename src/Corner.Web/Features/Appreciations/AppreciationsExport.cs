using Corner.Web.Features.Export;

namespace Corner.Web.Features.Appreciations;

/// <summary>Appreciations sent and received in a space, and both people's backing statements (theirs: the active ones,
/// as the space shows them).</summary>
public sealed class AppreciationsExport(AppreciationQueries queries) : IExportSource
{
    public string Practice => "appreciations";

    public async Task<IReadOnlyList<ExportEntry>> InSpaceAsync(ExportSpace space, Guid personId, CancellationToken ct)
    {
        var entries = new List<ExportEntry>();
        async Task AllPagesAsync(Func<int, Task<AppreciationPage>> read, bool yours)
        {
            for (var page = 0; ; page++)
            {
                var found = await read(page);
                entries.AddRange(found.Items.Select(a => new ExportEntry("appreciation", yours, yours ? null : a.OtherName, a.SentAt,
                    [new("kind", a.Kind), new("words", a.Words), new(yours ? "to" : "from", a.OtherName)])));
                if (!found.HasOlder)
                    return;
            }
        }
        await AllPagesAsync(page => queries.SentAsync(space.Id, personId, page, ct), yours: true);
        await AllPagesAsync(page => queries.ReceivedAsync(space.Id, personId, page, ct), yours: false);

        entries.AddRange((await queries.MyStatementsAsync(space.Id, personId, ct)).Select(s => new ExportEntry("backing_statement", true, null, s.UpdatedAt,
            [new("words", s.Words), new("retired_at", ExportDates.Time(s.RetiredAt))])));
        entries.AddRange((await queries.TheirStatementsAsync(space.Id, personId, ct)).Select(s => new ExportEntry("backing_statement", false, space.OtherName, s.UpdatedAt,
            [new("words", s.Words)])));
        return entries;
    }
}
