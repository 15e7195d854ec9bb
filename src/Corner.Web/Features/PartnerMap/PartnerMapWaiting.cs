using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.PartnerMap;

/// <summary>Guesses the other member made about this person that they have not compared yet.</summary>
public sealed class PartnerMapWaiting(CornerDbContext db, IStringLocalizer<PartnerMapText> text) : IWaitingForYouSource
{
    // Every guess's question is in the bank today; one taken out of it would still be counted here (not listed).
    public string CountSql => """
        (select count(*) from map_guesses g where g.bond_id = m.bond_id and g.subject_id = m.person_id and g.mark is null
            and exists (select 1 from bond_members o where o.bond_id = m.bond_id and o.person_id = g.guesser_id and o.left_at is null))
        """;

    public async Task<IReadOnlyList<WaitingItem>> ListAsync(Guid bondId, Guid personId, string otherName, CancellationToken ct)
    {
        var guesses = await db.Set<MapGuess>().AsNoTracking()
            .Where(g => g.BondId == bondId && g.SubjectId == personId && g.Mark == null)
            .Where(g => db.BondMembers.Any(m => m.BondId == bondId && m.PersonId == g.GuesserId && m.LeftAt == null))
            .OrderBy(g => g.GuessedAt)
            .Select(g => new { g.GuessedAt, g.QuestionId })
            .ToListAsync(ct);
        return guesses
            .Where(g => QuestionBank.Find(g.QuestionId) is not null)
            .Select(g => new WaitingItem(g.GuessedAt, text["Waiting_GuessToCompare", otherName],
                $"/spaces/{bondId}/map/question?q={Uri.EscapeDataString(g.QuestionId)}"))
            .ToList();
    }
}
