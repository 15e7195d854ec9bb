using Corner.Web.Features.Export;
using static Corner.Web.Features.Export.ExportDates;

namespace Corner.Web.Features.CycleMap;

/// <summary>The cycle map of a space: the person's half (draft or shared), the other's half once shared, and the
/// times either of them noted the cycle came up.</summary>
public sealed class CycleMapExport(CycleMapQueries queries, TimeProvider clock) : IExportSource
{
    public string Practice => "cycle_map";

    public async Task<IReadOnlyList<ExportEntry>> InSpaceAsync(ExportSpace space, Guid personId, CancellationToken ct)
    {
        var map = await queries.MapAsync(space.Id, personId, space.OtherName, ct);
        var entries = new List<ExportEntry>();
        foreach (var half in new[] { map.Mine, map.Theirs }.OfType<CycleHalfView>())
            entries.Add(new ExportEntry("cycle_half", half.Mine, half.Name, half.UpdatedAt,
            [
                new("shared", half.Shared ? "yes" : "no"), new("behaviours", List(half.Behaviours)), new("trigger", half.Trigger),
                new("reaction", half.Reaction), new("surface", half.Surface), new("underneath", half.Underneath), new("need", half.Need),
                new("to_know", half.ToKnow),
            ]));
        // A time may be noted for a day before the space began: all of them, up to today.
        var last = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(2);
        entries.AddRange((await queries.TimesAsync(space.Id, personId, DateOnly.MinValue, last, ct)).Select(t => new ExportEntry("cycle_time", t.Mine, t.NotedByName, t.CreatedAt,
            [new("day", Day(t.LocalDate)), new("parts", List(t.Parts)), new("reconnected", t.Reconnected), new("note", t.Note)])));
        return entries;
    }
}
