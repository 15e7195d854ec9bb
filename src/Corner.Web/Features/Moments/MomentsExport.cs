using Corner.Web.Features.Export;
using static Corner.Web.Features.Export.ExportDates;

namespace Corner.Web.Features.Moments;

/// <summary>The moments timeline of a space: asks for backing, moments of backing with their steps and answers, and
/// missed moments with reflections and responses. Each part is marked as the person's or the other's.</summary>
public sealed class MomentsExport(MomentQueries queries) : IExportSource
{
    public string Practice => "moments";

    public async Task<IReadOnlyList<ExportEntry>> InSpaceAsync(ExportSpace space, Guid personId, CancellationToken ct)
    {
        var entries = new List<ExportEntry>();
        foreach (var line in await queries.TimelineAsync(space.Id, personId, "all", ct: ct) ?? [])
        {
            if (line.Ask is { } a)
                entries.Add(new ExportEntry("ask", a.IAmAsker, a.AskerName, a.CreatedAt,
                    [new("for_day", Day(a.OnDate)), new("situation", a.Situation), new("help", a.Help)]));
            if (line.Moment is { } m)
            {
                entries.Add(new ExportEntry("moment", m.IAmSupporter, m.SupporterName, m.RecordedAt,
                    [new("backed", m.BackedName), new("situation", m.Situation), new("noticed", m.Noticed), new("sided", m.Sided), new("action", m.Action)]));
                if (m.AnsweredAt is { } answered)
                    entries.Add(new ExportEntry("moment_answer", m.IAmBacked, m.BackedName, answered, [new("did_it_help", m.Answer), new("more", m.More)]));
                if (m.ReinforcedAt is { } reinforced)
                    entries.Add(new ExportEntry("moment_reinforce", m.IAmSupporter, m.SupporterName, reinforced, [new("words", m.Reinforce)]));
            }
            if (line.Missed is { } x)
            {
                entries.Add(new ExportEntry("missed_moment", x.IAmAuthor, x.AuthorName, x.CreatedAt,
                    [new("side", x.Side), new("what", x.What), new("reasons", List(x.Reasons)), new("reflection", x.Reflection)]));
                if (x.RespondedAt is { } responded)
                    entries.Add(new ExportEntry("missed_moment_response", !x.IAmAuthor, x.OtherName, responded, [new("words", x.Response)]));
            }
        }
        return entries;
    }
}
