using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure.Live;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.Quiz;

public enum QuizProblem
{
    [NotFound]
    NotFound,
    OutOfRange,
    UnknownStatement,
    NotAllAnswered,
    [Conflict]
    AlreadyFinished,
    BlobMalformed,
    NothingToCarry,
}

/// <summary>The caller's own view of the round in progress: only their answers, only whether they finished.</summary>
public sealed record MyRound(Guid RoundId, int Number, IReadOnlyDictionary<string, int> Answers, bool Finished);

public sealed record RevealedRound(Guid RoundId, int Number, DateTimeOffset RevealedAt, QuizResult Result);

/// <summary>
/// Everything the caller may see of a space's quiz. <see cref="InProgress"/> is null until the caller has
/// answered something in the open round: what the other person has done never shows before the reveal.
/// </summary>
public sealed record QuizState(BondSummary Space, MyRound? InProgress, IReadOnlyList<RevealedRound> Revealed, bool RetakeSuggested)
{
    public RevealedRound? Latest => Revealed.Count == 0 ? null : Revealed[^1];
}

/// <summary>Answers were saved; <paramref name="Revealed"/> when this finish was the second and the result is out.</summary>
public sealed record QuizSaved(bool Finished, bool Revealed);

/// <summary>
/// The quiz's handler, shared by the pages and the API: answering a round alone, finishing it, revealing it
/// when both have finished (once, however the two finishes race), carrying over answers kept in a browser,
/// and reading results across rounds.
/// </summary>
public sealed class QuizRounds(CornerDbContext db, QuizAccess access, QuizBank bank, TimeProvider clock, LiveEvents live, QueryBatch batch)
{
    public const string LiveKind = "quiz";

    /// <summary>A retake is suggested (never pushed) this long after the last reveal.</summary>
    public static readonly TimeSpan RetakeAfter = TimeSpan.FromDays(30);

    internal sealed record RoundRow(Guid Id, int Number, DateTimeOffset? RevealedAt);

    internal sealed record AnswerRow(Guid RoundId, Guid PersonId, string Statement, short Answer);

    public async Task<QuizState?> StateAsync(Guid bondId, Guid personId, CancellationToken ct = default) =>
        await access.SpaceForMemberAsync(bondId, personId, ct) is { } space ? await StateAsync(space, personId, ct) : null;

    /// <summary>The quiz as <paramref name="personId"/> sees it in a space the caller already found them a member of.</summary>
    public async Task<QuizState> StateAsync(BondSummary space, Guid personId, CancellationToken ct = default)
    {
        var queued = QueueState(batch, space.Id, personId);
        await batch.RunAsync(ct);
        return StateOf(queued, space);
    }

    /// <summary>What <see cref="QueueState"/> queues: the space's rounds, the person's half of the open one, and the revealed
    /// rounds' answers (row-level security would hide an unrevealed round's other half anyway).</summary>
    public sealed class QueuedState
    {
        internal QueryBatch.Queued<RoundRow> Rounds { get; init; } = null!;
        internal QueryBatch.Queued<MineRow> Mine { get; init; } = null!;
        internal QueryBatch.Queued<AnswerRow> Revealed { get; init; } = null!;
    }

    /// <summary>Queues every read of the quiz's state in one round trip (the space home queues it with its other cards).</summary>
    public static QueuedState QueueState(QueryBatch batch, Guid bondId, Guid personId) => new()
    {
        Rounds = batch.Add($"select id, number, revealed_at from quiz_rounds where bond_id = {bondId} order by number",
            r => new RoundRow(r.GetGuid(0), r.GetInt32(1), r.Value<DateTimeOffset>(2))),
        Mine = batch.Add($"""
            select exists (select 1 from quiz_finishes f where f.round_id = o.id and f.person_id = {personId}), a.statement, a.answer
            from quiz_rounds o left join quiz_answers a on a.round_id = o.id and a.person_id = {personId}
            where o.bond_id = {bondId} and o.revealed_at is null
            """, r => new MineRow(r.GetBoolean(0), r.Object<string>(1), r.Value<short>(2))),
        Revealed = batch.Add($"""
            select a.round_id, a.person_id, a.statement, a.answer
            from quiz_answers a join quiz_rounds r on r.id = a.round_id
            where r.bond_id = {bondId} and r.revealed_at is not null
            """, r => new AnswerRow(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetInt16(3))),
    };

    /// <summary>The quiz's state from what <see cref="QueueState"/> read (no further query).</summary>
    public QuizState StateOf(QueuedState queued, BondSummary space)
    {
        var rounds = queued.Rounds.Rows;
        MyRound? inProgress = null;
        if (rounds.FirstOrDefault(r => r.RevealedAt is null) is { } open)
        {
            var (mine, finished) = Mine(queued.Mine.Rows);
            if (mine.Count > 0 || finished)
                inProgress = new MyRound(open.Id, open.Number, mine, finished);
        }
        var revealed = Combine([.. rounds.Where(r => r.RevealedAt is not null)], queued.Revealed.Rows);
        var suggested = inProgress is null && revealed.Count > 0 && clock.GetUtcNow() - revealed[^1].RevealedAt >= RetakeAfter;
        return new QuizState(space, inProgress, revealed, suggested);
    }

    /// <summary>The space's latest revealed result, for someone who reads the space without being in it (a counsellor
    /// with the quiz in scope); null when no round has been revealed.</summary>
    public async Task<RevealedRound?> LatestRevealedAsync(Guid bondId, CancellationToken ct = default)
    {
        var rounds = await db.Database.SqlQuery<RoundRow>($"""
            select id as "Id", number as "Number", revealed_at as "RevealedAt" from quiz_rounds
            where bond_id = {bondId} and revealed_at is not null order by number
            """).ToListAsync(ct);
        var revealed = await RevealedAsync(bondId, rounds, ct);
        return revealed.Count == 0 ? null : revealed[^1];
    }

    internal sealed record MineRow(bool Finished, string? Statement, short? Answer);

    /// <summary>The person's answers to a round and whether they finished it, in one query.</summary>
    private async Task<(Dictionary<string, int> Answers, bool Finished)> MineAsync(Guid roundId, Guid personId, CancellationToken ct) =>
        Mine(await db.Database.SqlQuery<MineRow>($"""
            select f.finished as "Finished", a.statement as "Statement", a.answer as "Answer"
            from (select exists (select 1 from quiz_finishes where round_id = {roundId} and person_id = {personId}) as finished) f
            left join quiz_answers a on a.round_id = {roundId} and a.person_id = {personId}
            """).ToListAsync(ct));

    private static (Dictionary<string, int> Answers, bool Finished) Mine(IReadOnlyList<MineRow> rows) =>
        (rows.Where(r => r.Statement is not null).ToDictionary(r => r.Statement!, r => (int)r.Answer!.Value, StringComparer.Ordinal),
            rows.Count > 0 && rows[0].Finished);

    /// <summary>
    /// Saves some or all of the caller's answers to the round in progress (starting one if none is), and
    /// finishes when <paramref name="finish"/> is set. Nothing is saved if any answer is bad.
    /// </summary>
    public async Task<(QuizSaved? Saved, QuizProblem? Problem)> AnswerAsync(Guid bondId, Guid personId,
        IReadOnlyDictionary<string, int> answers, bool finish, CancellationToken ct = default)
    {
        if (await access.SpaceForMemberAsync(bondId, personId, ct) is null)
            return (null, QuizProblem.NotFound);
        if (answers.Keys.Any(k => !bank.StatementIds.Contains(k)))
            return (null, QuizProblem.UnknownStatement);
        if (answers.Values.Any(v => v is < QuizBank.Lowest or > QuizBank.Highest))
            return (null, QuizProblem.OutOfRange);
        if (answers.Count == 0 && !finish)
            return (new QuizSaved(false, false), null);

        var round = await OpenRoundAsync(bondId, ct) ?? await StartRoundAsync(bondId, personId, ct);
        if (await FinishedAsync(round.Id, personId, ct))
            return (null, QuizProblem.AlreadyFinished);
        var now = clock.GetUtcNow();
        foreach (var (statement, value) in answers)
        {
            // An upsert: the same answer sent twice at once (or resent) leaves one row, never an error.
            await db.Database.ExecuteSqlAsync($"""
                insert into quiz_answers (round_id, bond_id, person_id, statement, answer, answered_at)
                values ({round.Id}, {bondId}, {personId}, {statement}, {(short)value}, {now})
                on conflict (round_id, person_id, statement) do update set answer = excluded.answer, answered_at = excluded.answered_at
                """, ct);
        }
        if (!finish)
            return (new QuizSaved(false, false), null);
        var mine = await MyAnswersAsync(round.Id, personId, ct);
        if (!bank.StatementIds.All(mine.ContainsKey))
            return (null, QuizProblem.NotAllAnswered);
        return (await FinishAsync(bondId, round.Id, personId, ct), null);
    }

    /// <summary>
    /// Makes the answers a visitor kept in their browser before signing up their half of the round in
    /// progress. Answers already given in this space win over the carried ones; a complete set finishes.
    /// </summary>
    public async Task<(QuizSaved? Saved, QuizProblem? Problem)> CarryAsync(Guid bondId, Guid personId, string? blob, CancellationToken ct = default)
    {
        if (await access.SpaceForMemberAsync(bondId, personId, ct) is null)
            return (null, QuizProblem.NotFound);
        if (CarriedAnswers.Parse(blob, bank) is not { } carried)
            return (null, QuizProblem.BlobMalformed);
        if (carried.Count == 0)
            return (null, QuizProblem.NothingToCarry);
        var existing = await OpenRoundAsync(bondId, ct) is { } open ? await MyAnswersAsync(open.Id, personId, ct) : new Dictionary<string, int>();
        var fresh = carried.Where(a => !existing.ContainsKey(a.Key)).ToDictionary(a => a.Key, a => a.Value);
        var complete = bank.StatementIds.All(s => existing.ContainsKey(s) || fresh.ContainsKey(s));
        return await AnswerAsync(bondId, personId, fresh, complete, ct);
    }

    /// <summary>Marks the latest revealed result seen by the caller, which ends their "finished the quiz" notice.</summary>
    public async Task MarkSeenAsync(Guid bondId, Guid personId, CancellationToken ct = default) =>
        await db.Database.ExecuteSqlAsync($"""
            update quiz_finishes f set result_seen_at = {clock.GetUtcNow()}
            from quiz_rounds r
            where r.id = f.round_id and r.bond_id = {bondId} and r.revealed_at is not null
              and f.person_id = {personId} and f.result_seen_at is null
            """, ct);

    /// <summary>When the caller has a revealed result they have not looked at yet (the other finished last).</summary>
    public async Task<DateTimeOffset?> UnseenRevealAsync(Guid bondId, Guid personId, CancellationToken ct = default) =>
        (await db.Database.SqlQuery<DateTimeOffset>($"""
            select r.revealed_at as "Value" from quiz_finishes f join quiz_rounds r on r.id = f.round_id
            where r.bond_id = {bondId} and r.revealed_at is not null and f.person_id = {personId} and f.result_seen_at is null
            order by r.number desc limit 1
            """).ToListAsync(ct)).Cast<DateTimeOffset?>().FirstOrDefault();

    /// <summary>True when a round is open in the space (for the invitation: "a quiz is waiting").</summary>
    public async Task<bool> RoundOpenAsync(Guid bondId, CancellationToken ct = default) =>
        await OpenRoundAsync(bondId, ct) is not null;

    private async Task<QuizSaved> FinishAsync(Guid bondId, Guid roundId, Guid personId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlAsync($"""
            insert into quiz_finishes (round_id, bond_id, person_id, finished_at)
            values ({roundId}, {bondId}, {personId}, {now})
            on conflict (round_id, person_id) do nothing
            """, ct);
        var revealed = (await db.Database.SqlQuery<bool>($"""select corner_quiz_reveal({roundId}, {now}) as "Value" """).ToListAsync(ct)).Single();
        if (revealed)
        {
            // The last to finish goes straight to the result; both open pages refresh, and the other is told, with no content.
            await db.Database.ExecuteSqlAsync($"""
                update quiz_finishes set result_seen_at = {now} where round_id = {roundId} and person_id = {personId}
                """, ct);
            await live.ToOthersAsync(bondId, personId, LiveKind, roundId, ct);
            await live.ToMemberAsync(bondId, personId, LiveKind, roundId, ct);
        }
        return new QuizSaved(true, revealed);
    }

    private async Task<RoundRow> StartRoundAsync(Guid bondId, Guid personId, CancellationToken ct)
    {
        // Two first answers at once: one insert wins, the other does nothing and reads the winner's round.
        await db.Database.ExecuteSqlAsync($"""
            insert into quiz_rounds (id, bond_id, number, started_by, started_at)
            select {Guid.NewGuid()}, {bondId}, coalesce(max(number), 0) + 1, {personId}, {clock.GetUtcNow()}
            from quiz_rounds where bond_id = {bondId}
            on conflict do nothing
            """, ct);
        return await OpenRoundAsync(bondId, ct) ?? throw new InvalidOperationException("A quiz round was neither started nor found.");
    }

    private async Task<RoundRow?> OpenRoundAsync(Guid bondId, CancellationToken ct) =>
        (await db.Database.SqlQuery<RoundRow>($"""
            select id as "Id", number as "Number", revealed_at as "RevealedAt" from quiz_rounds
            where bond_id = {bondId} and revealed_at is null
            """).ToListAsync(ct)).FirstOrDefault();

    private async Task<bool> FinishedAsync(Guid roundId, Guid personId, CancellationToken ct) =>
        (await MineAsync(roundId, personId, ct)).Finished;

    private async Task<Dictionary<string, int>> MyAnswersAsync(Guid roundId, Guid personId, CancellationToken ct) =>
        (await MineAsync(roundId, personId, ct)).Answers;

    /// <summary>The revealed <paramref name="rounds"/> (already read, in order) with their results.</summary>
    private async Task<IReadOnlyList<RevealedRound>> RevealedAsync(Guid bondId, List<RoundRow> rounds, CancellationToken ct)
    {
        if (rounds.Count == 0)
            return [];
        // Revealed rounds only: row-level security would hide an unrevealed round's other half anyway.
        var answers = await db.Database.SqlQuery<AnswerRow>($"""
            select a.round_id as "RoundId", a.person_id as "PersonId", a.statement as "Statement", a.answer as "Answer"
            from quiz_answers a join quiz_rounds r on r.id = a.round_id
            where r.bond_id = {bondId} and r.revealed_at is not null
            """).ToListAsync(ct);
        return Combine(rounds, answers);
    }

    private List<RevealedRound> Combine(IReadOnlyList<RoundRow> rounds, IReadOnlyList<AnswerRow> answers)
    {
        var result = new List<RevealedRound>();
        foreach (var round in rounds)
        {
            var halves = answers.Where(a => a.RoundId == round.Id).GroupBy(a => a.PersonId)
                .Select(g => (IReadOnlyDictionary<string, int>)g.ToDictionary(a => a.Statement, a => (int)a.Answer, StringComparer.Ordinal))
                .ToList();
            if (halves.Count == 2 && QuizScoring.Combine(bank.Dimensions, halves[0], halves[1]) is { } combined)
                result.Add(new RevealedRound(round.Id, round.Number, round.RevealedAt!.Value, combined));
        }
        return result;
    }
}
