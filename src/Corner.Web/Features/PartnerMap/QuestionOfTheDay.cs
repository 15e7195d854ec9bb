using System.Security.Cryptography;
using System.Text;
using Corner.Web.Data;
using Corner.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.PartnerMap;

/// <summary>
/// One question a day per person and space, on the person's own calendar day. It comes from an area they have
/// not explored yet when there is one, and no question comes round again until every question of the bank has
/// been offered (a round). What was offered is recorded by a POST once the person has been shown it; a GET never
/// writes, and the choice is the same all day, on any node, either way.
/// </summary>
public sealed class QuestionOfTheDay(CornerDbContext db, PersonalDay day, QueryBatch batch)
{
    /// <summary>Whether <paramref name="questionId"/> is today's question (looks only; offers nothing).</summary>
    public async Task<bool> IsTodaysAsync(Guid bondId, Guid personId, string questionId, CancellationToken ct = default) =>
        (await ForTodayAsync(bondId, personId, ct)).Id == questionId;

    /// <summary>Today's question. Reads only: a GET shows it, and <see cref="RecordTodayAsync"/> (a POST) records it.
    /// Until then it is worked out again from what was recorded before and what the person answered (only POSTs
    /// change those); answering on a page that showed it as today's records it first.</summary>
    public async Task<MapQuestion> ForTodayAsync(Guid bondId, Guid personId, CancellationToken ct = default) =>
        (await ChooseAsync(bondId, personId, ct)).Question;

    /// <summary>Records that today's question was offered (once; a second request the same day, in another tab or on
    /// another node, keeps whichever was recorded first), so the next days move on through the round.</summary>
    public async Task RecordTodayAsync(Guid bondId, Guid personId, CancellationToken ct = default)
    {
        var (question, round, today, recorded) = await ChooseAsync(bondId, personId, ct);
        if (recorded)
            return;
        await db.Database.ExecuteSqlAsync($"""
            insert into map_question_offers (person_id, bond_id, local_date, question_id, round)
            values ({personId}, {bondId}, {today}, {question.Id}, {round}) on conflict do nothing
            """, ct);
    }

    /// <summary>Today's question and how many the person has answered, for the space home's card, from what
    /// <see cref="QueueOffers"/> read with the other cards.</summary>
    public async Task<(MapQuestion Today, int Answered)> CardAsync(QueryBatch.Queued<OfferOrAnswer> queued, Guid bondId, Guid personId,
        CancellationToken ct = default) =>
        ((await ChooseAsync(queued, bondId, personId, ct)).Question, await AnsweredCountAsync(bondId, personId, ct));

    /// <summary>What was offered before and what the person has answered, in one query (the answers are kept for the request).</summary>
    public static QueryBatch.Queued<OfferOrAnswer> QueueOffers(QueryBatch batch, Guid bondId, Guid personId) =>
        batch.Add($"""
            select local_date, question_id, round
            from map_question_offers where person_id = {personId} and bond_id = {bondId}
            union all
            select null, question_id, null from map_self_answers where bond_id = {bondId} and person_id = {personId}
            """, r => new OfferOrAnswer(r.Value<DateOnly>(0), r.GetString(1), r.Value<int>(2)));

    private async Task<(MapQuestion Question, int Round, DateOnly Today, bool Recorded)> ChooseAsync(Guid bondId, Guid personId, CancellationToken ct)
    {
        var queued = QueueOffers(batch, bondId, personId);
        await batch.RunAsync(ct);
        return await ChooseAsync(queued, bondId, personId, ct);
    }

    private async Task<(MapQuestion Question, int Round, DateOnly Today, bool Recorded)> ChooseAsync(QueryBatch.Queued<OfferOrAnswer> queued,
        Guid bondId, Guid personId, CancellationToken ct)
    {
        var today = await day.TodayAsync(personId, ct);
        var rows = queued.Rows;
        Keep((bondId, personId), [.. rows.Where(r => r.LocalDate is null).Select(r => r.QuestionId)]);
        var offers = rows.Where(r => r.LocalDate is not null)
            .Select(r => new { LocalDate = r.LocalDate!.Value, r.QuestionId, Round = r.Round!.Value }).ToList();
        if (offers.FirstOrDefault(o => o.LocalDate == today) is { } offered && QuestionBank.Find(offered.QuestionId) is { } known)
            return (known, offered.Round, today, true);

        var round = offers.Count == 0 ? 1 : offers.Max(o => o.Round);
        var seen = offers.Where(o => o.Round == round).Select(o => o.QuestionId).ToHashSet(StringComparer.Ordinal);
        var candidates = QuestionBank.Questions.Where(q => !seen.Contains(q.Id)).ToList();
        if (candidates.Count == 0)
        {
            round++;
            candidates = [.. QuestionBank.Questions];
        }
        var answered = await AnsweredAsync(bondId, personId, ct);
        return (Choose(candidates, answered, [.. seen], Seed(personId, bondId, today)), round, today, false);
    }

    public sealed record OfferOrAnswer(DateOnly? LocalDate, string QuestionId, int? Round);

    // The questions the person has answered about themselves in the space, read once per request (the space home's
    // card shows how many, after choosing today's question from them).
    private readonly Dictionary<(Guid, Guid), List<string>> answeredBy = [];
    private bool listening;

    private void Keep((Guid, Guid) key, List<string> answered)
    {
        if (!listening)
        {
            // An answer saved in this request makes what was read out of date.
            db.ForgetOnSave(answeredBy.Clear);
            listening = true;
        }
        answeredBy.TryAdd(key, answered);
    }

    private async Task<List<string>> AnsweredAsync(Guid bondId, Guid personId, CancellationToken ct)
    {
        if (!answeredBy.TryGetValue((bondId, personId), out var answered))
        {
            answered = await db.Set<MapSelfAnswer>()
                .Where(a => a.BondId == bondId && a.PersonId == personId)
                .Select(a => a.QuestionId).ToListAsync(ct);
            Keep((bondId, personId), answered);
        }
        return answered;
    }

    /// <summary>How many questions the person has answered about themselves in the space.</summary>
    public async Task<int> AnsweredCountAsync(Guid bondId, Guid personId, CancellationToken ct = default) =>
        (await AnsweredAsync(bondId, personId, ct)).Count;

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
