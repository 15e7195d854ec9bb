using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.Export;

/// <summary>
/// Gathers a person's export from every feature's <see cref="IExportSource"/>. Its scope must act as that person
/// (row-level security): each step reads in a short transaction of its own, so progress can be told in between.
/// </summary>
public sealed class ExportBuilder(CornerDbContext db, BondQueries bonds, IEnumerable<IExportSource> sources, TimeProvider clock)
{
    public async Task<ExportDocument> BuildAsync(Guid personId, Func<int, Task> progress, CancellationToken ct)
    {
        var person = await db.InTransactionAsync(() => db.Users.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new ExportPerson(p.DisplayName, p.Email, p.TimeZone)).SingleAsync(ct), ct);
        var spaces = await db.InTransactionAsync(() => bonds.ListAllForPersonAsync(personId, ct), ct);
        var ordered = sources.OrderBy(s => s.Practice, StringComparer.Ordinal).ToList();
        var steps = (spaces.Count + 1) * ordered.Count;
        var done = 0;

        async Task<List<ExportPractice>> GatherAsync(Func<IExportSource, Task<IReadOnlyList<ExportEntry>>> read)
        {
            var practices = new List<ExportPractice>();
            foreach (var source in ordered)
            {
                var entries = await db.InTransactionAsync(() => read(source), ct);
                if (entries.Count > 0)
                    practices.Add(new ExportPractice(source.Practice, [.. entries.OrderBy(e => e.At)]));
                await progress(Math.Min(95, ++done * 95 / Math.Max(1, steps)));
            }
            return practices;
        }

        var own = await GatherAsync(source => source.PrivateAsync(personId, ct));
        var sections = new List<ExportSpaceSection>();
        foreach (var (space, leftAt) in spaces)
        {
            var described = new ExportSpace(space.Id, space.Name, space.Kind.ToString(), space.CreatedAt, leftAt, space.OtherName);
            sections.Add(new ExportSpaceSection(described, await GatherAsync(source => source.InSpaceAsync(described, personId, ct))));
        }
        return new ExportDocument(ExportDocument.SchemaName, clock.GetUtcNow(), person, own, sections);
    }
}
