using System.Security.Cryptography;
using System.Text;
using Corner.Web.Data;
using Corner.Web.Features.CheckIns;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.PartnerMap;

/// <summary>
/// One question a day per person and space, on the person's own calendar day. It comes from an area they have
/// not explored yet when there is one, and no question comes round again until every question of the bank has
/// been offered (a round). What was offered is recorded, so the choice stays the same all day, on any node.
/// </summary>
public sealed class QuestionOfTheDay(CornerDbContext db, PersonalDay day)
{
    /// <summary>Whether <paramref name="questionId"/> is the one already offered today (looks only; offers nothing).</summary>
    public async Task<bool> IsTodaysAsync(Guid bondId, Guid personId, string questionId, CancellationToken ct = default)
    {
        var today = await day.TodayAsync(personId, ct);
        return await db.Set<MapQuestionOffer>().AsNoTracking()
            .AnyAsync(o => o.PersonId == personId && o.BondId == bondId && o.LocalDate == today && o.QuestionId == questionId, ct);
    }

    public async Task<MapQuestion> ForTodayAsync(Guid bondId, Guid personId, CancellationToken ct = default)
    {
        var today = await day.TodayAsync(personId, ct);
        var offers = await db.Set<MapQuestionOffer>().AsNoTracking()
            .Where(o => o.PersonId == personId && o.BondId == bondId)
            .Select(o => new { o.LocalDate, o.QuestionId, o.Round })
            .ToListAsync(ct);
        if (offers.FirstOrDefault(o => o.LocalDate == today) is { } offered && QuestionBank.Find(offered.QuestionId) is { } known)
            return known;

        var round = offers.Count == 0 ? 1 : offers.Max(o => o.Round);
        var seen = offers.Where(o => o.Round == round).Select(o => o.QuestionId).ToHashSet(StringComparer.Ordinal);
        var candidates = QuestionBank.Questions.Where(q => !seen.Contains(q.Id)).ToList();
        if (candidates.Count == 0)
        {
            round++;
            candidates = [.. QuestionBank.Questions];
        }
        var answered = await db.Set<MapSelfAnswer>()
            .Where(a => a.BondId == bondId && a.PersonId == personId)
            .Select(a => a.QuestionId).ToListAsync(ct);
        var question = Choose(candidates, answered, [.. seen], Seed(personId, bondId, today));

        // A second request the same day (another tab, another node) keeps whichever was recorded first.
        await db.Database.ExecuteSqlAsync($"""
            insert into map_question_offers (person_id, bond_id, local_date, question_id, round)
            values ({personId}, {bondId}, {today}, {question.Id}, {round}) on conflict do nothing
            """, ct);
        var recorded = await db.Set<MapQuestionOffer>().AsNoTracking()
            .Where(o => o.PersonId == personId && o.BondId == bondId && o.LocalDate == today)
            .Select(o => o.QuestionId).FirstOrDefaultAsync(ct);
        return QuestionBank.Find(recorded) ?? question;
    }

    /// <summary>Prefers an area with no answer of the person's yet, then a question they have not answered; then
    /// the areas offered least this round, so days move from area to area; among those, a stable pseudo-random pick.</summary>
    internal static MapQuestion Choose(IReadOnlyList<MapQuestion> candidates, IReadOnlyCollection<string> answered,
        IReadOnlyCollection<string> offeredThisRound, int seed)
    {
        var exploredAreas = answered.Select(QuestionBank.Find).Where(q => q is not null).Select(q => q!.Area.Id).ToHashSet();
        var pool = candidates.Where(q => !exploredAreas.Contains(q.Area.Id)).ToList();
        if (pool.Count == 0)
            pool = candidates.Where(q => !answered.Contains(q.Id)).ToList();
        if (pool.Count == 0)
            pool = [.. candidates];
        var offeredPerArea = offeredThisRound.Select(QuestionBank.Find).Where(q => q is not null)
            .GroupBy(q => q!.Area.Id).ToDictionary(g => g.Key, g => g.Count());
        var least = pool.Min(q => offeredPerArea.GetValueOrDefault(q.Area.Id));
        pool = pool.Where(q => offeredPerArea.GetValueOrDefault(q.Area.Id) == least).ToList();
        return pool[(int)((uint)seed % (uint)pool.Count)];
    }

    private static int Seed(Guid personId, Guid bondId, DateOnly date)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{personId:N}|{bondId:N}|{date:yyyy-MM-dd}"));
        return BitConverter.ToInt32(hash, 0);
    }
}
