using Corner.Web.Data;
using Corner.Web.Features.Shared;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.Moments;

/// <summary>A moment as one member sees it. Names, never the other person's id.</summary>
public sealed record MomentView(
    Guid Id, Guid BondId, bool IAmSupporter, string SupporterName, string BackedName, Guid? AskId,
    string Situation, string? Noticed, string? Sided, string? Action, DateTimeOffset RecordedAt,
    string? Answer, string? More, DateTimeOffset? AnsweredAt, string? Reinforce, DateTimeOffset? ReinforcedAt)
{
    public bool IAmBacked => !IAmSupporter;
    public bool CanAnswer => IAmBacked && Answer is null;
    public bool CanReinforce => IAmSupporter && Reinforce is null;

    /// <summary>Which of the five steps are done, in order.</summary>
    public bool[] Steps => [Noticed is not null, Sided is not null, Action is not null, Answer is not null, Reinforce is not null];
}

/// <summary>An ask for backing as one member sees it. <see cref="OnDate"/> is the asker's local date.</summary>
public sealed record AskView(
    Guid Id, bool IAmAsker, string AskerName, string SupporterName, DateOnly OnDate, string Situation, string? Help,
    DateTimeOffset CreatedAt, Guid? MomentId, bool DayHasCome, bool DayHasPassed)
{
    public bool IsOpen => MomentId is null;

    /// <summary>The supporter can record how it went from the day itself on.</summary>
    public bool CanRecord => !IAmAsker && MomentId is null && DayHasCome;
}

/// <summary>A missed moment as one member sees it.</summary>
public sealed record MissedView(
    Guid Id, bool IAmAuthor, string AuthorName, string OtherName, string Side, string What, IReadOnlyList<string> Reasons,
    string? Reflection, DateTimeOffset CreatedAt, string? Response, DateTimeOffset? RespondedAt,
    DateTimeOffset? AuthorRepairedAt, DateTimeOffset? OtherRepairedAt)
{
    public bool IsRepaired => AuthorRepairedAt is not null && OtherRepairedAt is not null;
    public DateTimeOffset? MyMark => IAmAuthor ? AuthorRepairedAt : OtherRepairedAt;
    public DateTimeOffset? TheirMark => IAmAuthor ? OtherRepairedAt : AuthorRepairedAt;
    public bool CanRespond => !IAmAuthor && Response is null;
    public bool CanMarkRepaired => Response is not null && MyMark is null;
    public DateTimeOffset? RepairedAt => IsRepaired ? (AuthorRepairedAt > OtherRepairedAt ? AuthorRepairedAt : OtherRepairedAt) : null;
}

/// <summary>One line of the timeline: exactly one of the three is set.</summary>
public sealed record TimelineEntry(DateTimeOffset At, MomentView? Moment, AskView? Ask, MissedView? Missed);

/// <summary>A gentle month: what happened between the two, never who did more.</summary>
public sealed record MomentsSummary(int MomentsRecorded, int Answered, int AnsweredYes, int AsksMade, int RepairsMade, int MissedStillOpen);

/// <summary>Reads Moments for one member of one space; every query is scoped to the space and the member's membership.</summary>
public sealed class MomentQueries(CornerDbContext db, Bonds.SpaceAccessor spaces, FieldEncryption encryption, PersonalDay day)
{
    public const int TimelineLimit = 200;

    public static readonly string[] Filters = ["all", "moments", "asks", "missed"];

    /// <summary>Whether the person is a current member of the space (everything else answers 404).</summary>
    public Task<bool> CanSeeAsync(Guid bondId, Guid personId, CancellationToken ct = default) => spaces.IsMemberAsync(bondId, personId, ct);

    private async Task<Dictionary<Guid, string>?> NamesAsync(Guid bondId, Guid personId, CancellationToken ct)
    {
        if (!await spaces.IsMemberAsync(bondId, personId, ct))
            return null;
        return await spaces.MemberNamesAsync(bondId, ct);
    }

    public async Task<MomentView?> FindMomentAsync(Guid bondId, Guid momentId, Guid personId, CancellationToken ct = default)
    {
        if (await NamesAsync(bondId, personId, ct) is not { } names)
            return null;
        var row = await db.Set<Moment>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == momentId && m.BondId == bondId, ct);
        return row is null ? null : await ToViewAsync(row, personId, names, ct);
    }

    public async Task<MissedView?> FindMissedAsync(Guid bondId, Guid missedId, Guid personId, CancellationToken ct = default)
    {
        if (await NamesAsync(bondId, personId, ct) is not { } names)
            return null;
        var row = await db.Set<MissedMoment>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == missedId && m.BondId == bondId, ct);
        return row is null ? null : await ToViewAsync(row, personId, names, ct);
    }

    public async Task<AskView?> FindAskAsync(Guid bondId, Guid askId, Guid personId, CancellationToken ct = default)
    {
        if (await NamesAsync(bondId, personId, ct) is not { } names)
            return null;
        var row = await db.Set<BackingAsk>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == askId && a.BondId == bondId, ct);
        if (row is null)
            return null;
        var momentId = await db.Set<Moment>().Where(m => m.AskId == askId).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct);
        return await ToViewAsync(row, momentId, personId, names, await day.TodayAsync(row.AskerId, ct), ct);
    }

    /// <summary>Everything in the space, newest first, optionally one kind and one span of time; null when not a member.</summary>
    public async Task<IReadOnlyList<TimelineEntry>?> TimelineAsync(Guid bondId, Guid personId, string filter,
        DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken ct = default)
    {
        if (await NamesAsync(bondId, personId, ct) is not { } names)
            return null;
        var start = from ?? DateTimeOffset.MinValue;
        var end = to ?? DateTimeOffset.MaxValue;
        var entries = new List<TimelineEntry>();
        if (filter is "all" or "moments")
        {
            var rows = await db.Set<Moment>().AsNoTracking()
                .Where(m => m.BondId == bondId && m.RecordedAt >= start && m.RecordedAt < end)
                .OrderByDescending(m => m.RecordedAt).Take(TimelineLimit).ToListAsync(ct);
            foreach (var row in rows)
                entries.Add(new TimelineEntry(row.RecordedAt, await ToViewAsync(row, personId, names, ct), null, null));
        }
        if (filter is "all" or "asks")
        {
            var rows = await db.Set<BackingAsk>().AsNoTracking()
                .Where(a => a.BondId == bondId && a.CreatedAt >= start && a.CreatedAt < end)
                .OrderByDescending(a => a.CreatedAt).Take(TimelineLimit)
                .Select(a => new { Ask = a, MomentId = db.Set<Moment>().Where(m => m.AskId == a.Id).Select(m => (Guid?)m.Id).FirstOrDefault() })
                .ToListAsync(ct);
            var todays = new Dictionary<Guid, DateOnly>();
            foreach (var row in rows)
            {
                if (!todays.TryGetValue(row.Ask.AskerId, out var today))
                    todays[row.Ask.AskerId] = today = await day.TodayAsync(row.Ask.AskerId, ct);
                entries.Add(new TimelineEntry(row.Ask.CreatedAt, null, await ToViewAsync(row.Ask, row.MomentId, personId, names, today, ct), null));
            }
        }
        if (filter is "all" or "missed")
        {
            var rows = await db.Set<MissedMoment>().AsNoTracking()
                .Where(m => m.BondId == bondId && m.CreatedAt >= start && m.CreatedAt < end)
                .OrderByDescending(m => m.CreatedAt).Take(TimelineLimit).ToListAsync(ct);
            foreach (var row in rows)
                entries.Add(new TimelineEntry(row.CreatedAt, null, null, await ToViewAsync(row, personId, names, ct)));
        }
        return entries.OrderByDescending(e => e.At).Take(TimelineLimit).ToList();
    }

    /// <summary>Counts for one span of time (a month in the reader's zone). Both people together, never side by side.</summary>
    public async Task<MomentsSummary> SummaryAsync(Guid bondId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        var moments = db.Set<Moment>().Where(m => m.BondId == bondId && m.RecordedAt >= from && m.RecordedAt < to);
        var recorded = await moments.CountAsync(ct);
        var answered = await moments.CountAsync(m => m.Answer != null, ct);
        var yes = await moments.CountAsync(m => m.Answer == MomentWriter.Yes, ct);
        var asks = await db.Set<BackingAsk>().CountAsync(a => a.BondId == bondId && a.CreatedAt >= from && a.CreatedAt < to, ct);
        // A repair is made when the second of the two marks is set.
        var repairs = await db.Set<MissedMoment>().CountAsync(m => m.BondId == bondId && m.AuthorRepairedAt != null && m.OtherRepairedAt != null
            && ((m.AuthorRepairedAt >= m.OtherRepairedAt && m.AuthorRepairedAt >= from && m.AuthorRepairedAt < to)
                || (m.OtherRepairedAt > m.AuthorRepairedAt && m.OtherRepairedAt >= from && m.OtherRepairedAt < to)), ct);
        var open = await db.Set<MissedMoment>().CountAsync(m => m.BondId == bondId && (m.AuthorRepairedAt == null || m.OtherRepairedAt == null), ct);
        return new MomentsSummary(recorded, answered, yes, asks, repairs, open);
    }

    /// <summary>Queues <see cref="OpenAsync"/>'s read with the space home's other cards: the three lists in one query,
    /// each kind's rows in the same wide shape, told apart by <see cref="OpenRow.Kind"/>.</summary>
    public static QueryBatch.Queued<OpenRow> QueueOpen(QueryBatch batch, Guid bondId, Guid personId) =>
        batch.Add($"""
            (select 'ask' as "Kind", a.id as "Id", a.asker_id as "P1", a.supporter_id as "P2", null::uuid as "AskId", a.on_date as "OnDate",
                    a.situation_cipher as "C1", a.help_cipher as "C2", null::bytea as "C3", null::bytea as "C4", null::bytea as "C5", null::bytea as "C6",
                    a.submission_id as "SubmissionId", a.created_at as "At1", null::text as "Text", null::timestamptz as "At2",
                    null::timestamptz as "At3", null::timestamptz as "At4", null::text[] as "Reasons"
             from backing_asks a
             where a.bond_id = {bondId} and a.supporter_id = {personId} and not exists (select 1 from moments m where m.ask_id = a.id)
             order by a.on_date limit 20)
            union all
            (select 'moment', m.id, m.supporter_id, m.backed_id, m.ask_id, null::date,
                    m.situation_cipher, m.noticed_cipher, m.sided_cipher, m.action_cipher, m.more_cipher, m.reinforce_cipher,
                    m.submission_id, m.recorded_at, m.answer, m.answered_at, m.reinforced_at, null::timestamptz, null::text[]
             from moments m
             where m.bond_id = {bondId} and ((m.backed_id = {personId} and m.answer is null)
                 or (m.supporter_id = {personId} and m.answer is not null and m.reinforced_at is null))
             order by m.recorded_at limit 20)
            union all
            (select 'missed', x.id, x.author_id, x.other_id, null::uuid, null::date,
                    x.what_cipher, x.reflection_cipher, x.response_cipher, null::bytea, null::bytea, null::bytea,
                    x.submission_id, x.created_at, x.side, x.responded_at, x.author_repaired_at, x.other_repaired_at, x.reasons
             from missed_moments x
             where x.bond_id = {bondId} and (x.author_repaired_at is null or x.other_repaired_at is null)
             order by x.created_at limit 20)
            """, r => new OpenRow(r.GetString(0), r.GetGuid(1), r.GetGuid(2), r.GetGuid(3), r.Value<Guid>(4),
            r.Value<DateOnly>(5), r.Object<byte[]>(6), r.Object<byte[]>(7), r.Object<byte[]>(8), r.Object<byte[]>(9), r.Object<byte[]>(10),
            r.Object<byte[]>(11), r.GetGuid(12), r.GetFieldValue<DateTimeOffset>(13), r.Object<string>(14), r.Value<DateTimeOffset>(15),
            r.Value<DateTimeOffset>(16), r.Value<DateTimeOffset>(17), r.Object<string[]>(18)));

    /// <summary>What the space's home shows: asks from the other still open, moments waiting on this person,
    /// and missed moments not yet repaired. Null when not a member.</summary>
    public async Task<(IReadOnlyList<AskView> Asks, IReadOnlyList<MomentView> Moments, IReadOnlyList<MissedView> Missed)?> OpenAsync(
        QueryBatch.Queued<OpenRow> queued, Guid bondId, Guid personId, CancellationToken ct = default)
    {
        if (await NamesAsync(bondId, personId, ct) is not { } names)
            return null;
        var rows = queued.Rows;
        var asks = new List<AskView>();
        var moments = new List<MomentView>();
        var missed = new List<MissedView>();
        // Each list oldest first, as before (an ask by its day); the query's order is not relied on.
        foreach (var r in rows.OrderBy(r => r.OnDate is { } day ? day.ToDateTime(TimeOnly.MinValue) : r.At1.UtcDateTime))
            switch (r.Kind)
            {
                case "ask":
                    var ask = new BackingAsk
                    {
                        Id = r.Id,
                        BondId = bondId,
                        AskerId = r.P1,
                        SupporterId = r.P2,
                        OnDate = r.OnDate!.Value,
                        SituationCipher = r.C1!,
                        HelpCipher = r.C2,
                        SubmissionId = r.SubmissionId,
                        CreatedAt = r.At1,
                    };
                    asks.Add(await ToViewAsync(ask, null, personId, names, await day.TodayAsync(ask.AskerId, ct), ct));
                    break;
                case "moment":
                    moments.Add(await ToViewAsync(new Moment
                    {
                        Id = r.Id,
                        BondId = bondId,
                        SupporterId = r.P1,
                        BackedId = r.P2,
                        AskId = r.AskId,
                        SituationCipher = r.C1!,
                        NoticedCipher = r.C2,
                        SidedCipher = r.C3,
                        ActionCipher = r.C4,
                        MoreCipher = r.C5,
                        ReinforceCipher = r.C6,
                        SubmissionId = r.SubmissionId,
                        RecordedAt = r.At1,
                        Answer = r.Text,
                        AnsweredAt = r.At2,
                        ReinforcedAt = r.At3,
                    }, personId, names, ct));
                    break;
                default:
                    missed.Add(await ToViewAsync(new MissedMoment
                    {
                        Id = r.Id,
                        BondId = bondId,
                        AuthorId = r.P1,
                        OtherId = r.P2,
                        WhatCipher = r.C1!,
                        ReflectionCipher = r.C2,
                        ResponseCipher = r.C3,
                        SubmissionId = r.SubmissionId,
                        CreatedAt = r.At1,
                        Side = r.Text!,
                        RespondedAt = r.At2,
                        AuthorRepairedAt = r.At3,
                        OtherRepairedAt = r.At4,
                        Reasons = r.Reasons ?? [],
                    }, personId, names, ct));
                    break;
            }
        return (asks, moments, missed);
    }

    /// <summary>One row of <see cref="OpenAsync"/>'s query: an ask, a moment or a missed moment, by <see cref="Kind"/>.</summary>
    public sealed record OpenRow(string Kind, Guid Id, Guid P1, Guid P2, Guid? AskId, DateOnly? OnDate,
        byte[]? C1, byte[]? C2, byte[]? C3, byte[]? C4, byte[]? C5, byte[]? C6, Guid SubmissionId, DateTimeOffset At1,
        string? Text, DateTimeOffset? At2, DateTimeOffset? At3, DateTimeOffset? At4, string[]? Reasons);

    private async Task<MomentView> ToViewAsync(Moment m, Guid personId, Dictionary<Guid, string> names, CancellationToken ct) => new(
        m.Id, m.BondId, m.SupporterId == personId, names.GetValueOrDefault(m.SupporterId, ""), names.GetValueOrDefault(m.BackedId, ""), m.AskId,
        (await DecryptAsync(m.BondId, MomentWriter.Field(m.Id, "situation"), m.SituationCipher, ct))!,
        await DecryptAsync(m.BondId, MomentWriter.Field(m.Id, "noticed"), m.NoticedCipher, ct),
        await DecryptAsync(m.BondId, MomentWriter.Field(m.Id, "sided"), m.SidedCipher, ct),
        await DecryptAsync(m.BondId, MomentWriter.Field(m.Id, "action"), m.ActionCipher, ct),
        m.RecordedAt, m.Answer,
        await DecryptAsync(m.BondId, MomentWriter.Field(m.Id, "more"), m.MoreCipher, ct), m.AnsweredAt,
        await DecryptAsync(m.BondId, MomentWriter.Field(m.Id, "reinforce"), m.ReinforceCipher, ct), m.ReinforcedAt);

    private async Task<AskView> ToViewAsync(BackingAsk a, Guid? momentId, Guid personId, Dictionary<Guid, string> names, DateOnly askersToday,
        CancellationToken ct) => new(
        a.Id, a.AskerId == personId, names.GetValueOrDefault(a.AskerId, ""), names.GetValueOrDefault(a.SupporterId, ""), a.OnDate,
        (await DecryptAsync(a.BondId, BackingAskWriter.Field(a.Id, "situation"), a.SituationCipher, ct))!,
        await DecryptAsync(a.BondId, BackingAskWriter.Field(a.Id, "help"), a.HelpCipher, ct),
        a.CreatedAt, momentId, askersToday >= a.OnDate, askersToday > a.OnDate);

    private async Task<MissedView> ToViewAsync(MissedMoment m, Guid personId, Dictionary<Guid, string> names, CancellationToken ct) => new(
        m.Id, m.AuthorId == personId, names.GetValueOrDefault(m.AuthorId, ""), names.GetValueOrDefault(m.OtherId, ""), m.Side,
        (await DecryptAsync(m.BondId, MissedMomentWriter.Field(m.Id, "what"), m.WhatCipher, ct))!, m.Reasons,
        await DecryptAsync(m.BondId, MissedMomentWriter.Field(m.Id, "reflection"), m.ReflectionCipher, ct), m.CreatedAt,
        await DecryptAsync(m.BondId, MissedMomentWriter.Field(m.Id, "response"), m.ResponseCipher, ct), m.RespondedAt,
        m.AuthorRepairedAt, m.OtherRepairedAt);

    private async Task<string?> DecryptAsync(Guid bondId, FieldAddress address, byte[]? cipher, CancellationToken ct) =>
        cipher is null ? null : await encryption.DecryptAsync(bondId, address, cipher, ct);
}
