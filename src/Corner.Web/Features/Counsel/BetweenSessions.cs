using System.Globalization;
using System.Text.Json.Serialization;
using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.CheckIns;
using Corner.Web.Features.CheckIns.Charts;
using Corner.Web.Features.CycleMap;
using Corner.Web.Features.Moments;
using Corner.Web.Features.PartnerMap;
using Corner.Web.Features.Quiz;
using Corner.Web.Features.Reconnection;
using Corner.Web.Features.Shared;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Counsel;

/// <summary>One person's numbers over a stretch of days (trends scope).</summary>
public sealed record PersonStretch(int DaysCheckedIn, int Days, double? Supported, int ReflectionsRight, int ReflectionsAnswered);

/// <summary>One of the two people: the last week and the last month side by side.</summary>
public sealed record PersonTrend(string Name, PersonStretch Week, PersonStretch Month, string CssClass, ChartMarker Marker);

/// <summary>Moments and missed moments over a stretch (moments scope): counts only.</summary>
public sealed record MomentsStretch(int Moments, int Helped, int Partly, int NotReally, int Missed, int Repaired);

/// <summary>Pauses over a stretch (reconnection scope).</summary>
public sealed record PausesStretch(int Pauses, int BackTogether, int? AverageMinutes);

/// <summary>Times the cycle showed up over a stretch, by how soon they came back (cycle scope).</summary>
public sealed record CycleStretch(int Times, IReadOnlyDictionary<string, int> ByReconnection);

/// <summary>The areas of the partner map one of them explored and shared (map-areas scope).</summary>
public sealed record MapExplored(string Name, IReadOnlyList<string> AreaIds);

/// <summary>A moment or missed moment with its words (moment-words scope); <see cref="Words"/> pairs a resource key
/// for the label with the text.</summary>
public sealed record MomentEntry(DateTimeOffset At, bool Missed, string Who, string Other, string? Answer, IReadOnlyList<LabelledWords> Words);

/// <summary>Words someone wrote, with the resource key of what they answer ("Between_Moment_Situation", "Plan_Sign_Name").</summary>
public sealed record LabelledWords(string Label, string Text);

/// <summary>A partner-map answer one of them shared (map-answers scope).</summary>
public sealed record MapAnswerEntry(string Name, string AreaId, string QuestionKey, string Text);

/// <summary>A check-in one of them shared into the space (check-ins scope).</summary>
public sealed record SharedEntry(DateOnly Date, string Name, int Supported, IReadOnlyList<string> Feelings, string? Note);

/// <summary>
/// The page a counsellor opens before a session: the last week and the last month, inside the days the grant lets
/// them see, for each scope the grant holds and nothing else. Each part is null when its scope is not granted.
/// </summary>
public sealed record BetweenSessionsView(
    Guid GrantId, string ShownAs, string? Purpose, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt,
    DateOnly WeekFrom, DateOnly MonthFrom, DateOnly To, bool NothingVisible,
    IReadOnlyList<PersonTrend>? Trends, LineChart? SupportedChart,
    MomentsStretch? MomentsWeek, MomentsStretch? MomentsMonth,
    PausesStretch? PausesWeek, PausesStretch? PausesMonth, bool? HasPlan, DateTimeOffset? PlanChangedAt,
    IReadOnlyList<SharedEntry>? Entries,
    IReadOnlyList<CycleHalfView>? Halves = null, [property: JsonIgnore] CycleLoop? Loop = null, CycleStretch? CycleWeek = null, CycleStretch? CycleMonth = null,
    IReadOnlyList<MapExplored>? Map = null,
    IReadOnlyList<LabelledWords>? Plan = null, IReadOnlyList<MomentEntry>? Moments = null,
    IReadOnlyList<MapAnswerEntry>? MapAnswers = null, RevealedRound? Quiz = null, bool QuizInScope = false);

/// <summary>Reads the between-sessions page for a counsellor's active grant, and puts the read on the space's record.</summary>
public sealed class BetweenSessions(CornerDbContext db, SpaceAccessor spaces, FieldEncryption encryption, AuditLog audit,
    PersonalDay day, CycleMapQueries cycle, IStringLocalizer<CycleMapText> cycleText, QuizRounds quiz)
{
    public const int WeekDays = 7;
    public const int MonthDays = 30;
    public const int MaxEntries = 60;

    private sealed record ShareRow(Guid PersonId, DateOnly LocalDate, int Supported, string[] SurfaceFeelings, byte[]? NoteCipher, Guid CheckInId);
    private sealed record ReflectionRow(Guid AuthorId, DateOnly LocalDate, string? Response);
    private sealed record MomentRow(DateTimeOffset At, string? Answer);
    private sealed record MissedRow(DateTimeOffset At, bool Repaired);
    private sealed record PauseRow(DateTimeOffset StartedAt, DateTimeOffset? EndedAt, Guid? EndedBy);
    private sealed record CycleTimeRow(DateOnly LocalDate, string Reconnected);
    private sealed record MapRow(Guid PersonId, string QuestionId);

    /// <summary>Null when the counsellor may not see the space under this grant now (answer 404).</summary>
    public async Task<BetweenSessionsView?> ReadAsync(Guid grantId, Guid counsellorId, string page, CancellationToken ct = default)
    {
        if (await spaces.ForCounsellorAsync(grantId, counsellorId, ct) is not { } access)
            return null;
        var bondId = access.BondId;
        var zone = await day.ZoneAsync(counsellorId, ct);
        var today = await day.TodayAsync(counsellorId, ct);
        var to = access.VisibleUntil is { } until && until < today ? until : today;
        var monthFrom = Later(to.AddDays(1 - MonthDays), access.VisibleFrom);
        var weekFrom = Later(to.AddDays(1 - WeekDays), access.VisibleFrom);
        var nothing = access.VisibleFrom > to;
        var start = CounselGrants.EndOfDay(monthFrom.AddDays(-1), zone);
        var weekStart = CounselGrants.EndOfDay(weekFrom.AddDays(-1), zone);
        var end = CounselGrants.EndOfDay(to, zone);

        var names = await spaces.MemberNamesAsync(bondId, ct);
        var people = names.Keys.OrderBy(id => names[id], StringComparer.CurrentCulture).ToList();

        IReadOnlyList<PersonTrend>? trends = null;
        LineChart? chart = null;
        IReadOnlyList<SharedEntry>? entries = null;
        var wantsTrends = access.Covers(CounselScopes.Trends);
        var wantsEntries = access.Covers(CounselScopes.CheckIns);
        if ((wantsTrends || wantsEntries) && !nothing)
        {
            // The notes are read only when the check-ins themselves are in scope.
            var shares = await db.Database.SqlQuery<ShareRow>($"""
                select s.person_id as "PersonId", s.local_date as "LocalDate", s.supported::int as "Supported",
                       c.surface_feelings as "SurfaceFeelings", case when {wantsEntries} then s.note_cipher end as "NoteCipher",
                       s.check_in_id as "CheckInId"
                from check_in_shares s join check_ins c on c.id = s.check_in_id
                where s.bond_id = {bondId} and s.local_date between {monthFrom} and {to}
                order by s.local_date desc
                """).ToListAsync(ct);
            if (wantsTrends)
            {
                var reflections = await db.Database.SqlQuery<ReflectionRow>($"""
                    select r.author_id as "AuthorId", s.local_date as "LocalDate", r.response as "Response"
                    from reflections r join check_in_shares s on s.check_in_id = r.check_in_id and s.bond_id = r.bond_id
                    where r.bond_id = {bondId} and s.local_date between {monthFrom} and {to}
                    """).ToListAsync(ct);
                trends = people.Select((id, i) => new PersonTrend(names[id],
                    Stretch(id, weekFrom), Stretch(id, monthFrom),
                    i == 0 ? "chart-person--me" : "chart-person--other", i == 0 ? ChartMarker.Circle : ChartMarker.Square)).ToList();
                var dates = Enumerable.Range(0, to.DayNumber - monthFrom.DayNumber + 1).Select(monthFrom.AddDays).ToList();
                chart = new LineChart(dates.Select(d => d.Day.ToString(CultureInfo.CurrentCulture)).ToList(),
                    people.Select((id, i) => new LineSeries(names[id], trends[i].CssClass, trends[i].Marker,
                        dates.Select(d => shares.FirstOrDefault(s => s.PersonId == id && s.LocalDate == d)?.Supported).ToList())).ToList(), 1, 5);

                PersonStretch Stretch(Guid id, DateOnly from)
                {
                    var theirs = shares.Where(s => s.PersonId == id && s.LocalDate >= from).ToList();
                    var answered = reflections.Where(r => r.AuthorId == id && r.LocalDate >= from && r.Response is not null).ToList();
                    return new PersonStretch(theirs.Select(s => s.LocalDate).Distinct().Count(), to.DayNumber - from.DayNumber + 1,
                        theirs.Count == 0 ? null : Math.Round(theirs.Average(s => s.Supported), 1),
                        answered.Count(r => r.Response == "yes"), answered.Count);
                }
            }
            if (wantsEntries)
            {
                var list = new List<SharedEntry>();
                foreach (var s in shares.Take(MaxEntries))
                    list.Add(new SharedEntry(s.LocalDate, names.GetValueOrDefault(s.PersonId, ""), s.Supported,
                        s.SurfaceFeelings.Where(Feelings.IsKnown).ToList(),
                        s.NoteCipher is null ? null : await encryption.DecryptAsync(bondId, CheckInRecorder.SharedNoteField(s.CheckInId, bondId), s.NoteCipher, ct)));
                entries = list;
            }
        }

        MomentsStretch? momentsWeek = null, momentsMonth = null;
        if (access.Covers(CounselScopes.Moments) && !nothing)
        {
            var moments = await db.Database.SqlQuery<MomentRow>($"""
                select recorded_at as "At", answer as "Answer" from moments
                where bond_id = {bondId} and recorded_at >= {start} and recorded_at < {end}
                """).ToListAsync(ct);
            var missed = await db.Database.SqlQuery<MissedRow>($"""
                select created_at as "At", (author_repaired_at is not null and other_repaired_at is not null) as "Repaired" from missed_moments
                where bond_id = {bondId} and created_at >= {start} and created_at < {end}
                """).ToListAsync(ct);
            momentsWeek = Moments(weekStart);
            momentsMonth = Moments(start);

            MomentsStretch Moments(DateTimeOffset from)
            {
                var m = moments.Where(x => x.At >= from).ToList();
                var x = missed.Where(y => y.At >= from).ToList();
                return new MomentsStretch(m.Count, m.Count(y => y.Answer == "yes"), m.Count(y => y.Answer == "partly"),
                    m.Count(y => y.Answer == "not_really"), x.Count, x.Count(y => y.Repaired));
            }
        }

        PausesStretch? pausesWeek = null, pausesMonth = null;
        IReadOnlyList<LabelledWords>? plan = null;
        bool? hasPlan = null;
        DateTimeOffset? planChangedAt = null;
        if (access.Covers(CounselScopes.Reconnection))
        {
            if (!nothing)
            {
                var pauses = await db.Database.SqlQuery<PauseRow>($"""
                    select started_at as "StartedAt", ended_at as "EndedAt", ended_by as "EndedBy" from pauses
                    where bond_id = {bondId} and started_at >= {start} and started_at < {end}
                    """).ToListAsync(ct);
                pausesWeek = Pauses(weekStart);
                pausesMonth = Pauses(start);

                PausesStretch Pauses(DateTimeOffset from)
                {
                    var p = pauses.Where(x => x.StartedAt >= from).ToList();
                    var ended = p.Where(x => x.EndedAt is not null).ToList();
                    return new PausesStretch(p.Count, ended.Count(x => x.EndedBy is null),
                        ended.Count == 0 ? null : (int)Math.Round(ended.Average(x => (x.EndedAt!.Value - x.StartedAt).TotalMinutes)));
                }
            }
            if (await db.Set<ReconnectionPlan>().AsNoTracking().FirstOrDefaultAsync(p => p.BondId == bondId, ct) is { } found)
            {
                planChangedAt = found.UpdatedAt;
                var parts = new List<LabelledWords>();
                foreach (var (part, cipher) in new[] { (PlanPart.Sign, found.SignCipher), (PlanPart.PauseSteps, found.PauseStepsCipher),
                    (PlanPart.ComingBack, found.ComingBackCipher), (PlanPart.RepairPhrase, found.RepairPhraseCipher) })
                    if (cipher is not null)
                        parts.Add(new($"Plan_{part}_Name", await encryption.DecryptAsync(bondId, ReconnectionPlans.PartField(bondId, part), cipher, ct)));
                plan = parts;
            }
            hasPlan = planChangedAt is not null;
        }

        IReadOnlyList<MomentEntry>? momentWords = null;
        if (access.Covers(CounselScopes.MomentWords) && !nothing)
        {
            var list = new List<MomentEntry>();
            var recorded = await db.Set<Moment>().AsNoTracking()
                .Where(m => m.BondId == bondId && m.RecordedAt >= start && m.RecordedAt < end).OrderByDescending(m => m.RecordedAt).Take(MaxEntries).ToListAsync(ct);
            foreach (var m in recorded)
            {
                var words = new List<LabelledWords>();
                foreach (var (column, label, cipher) in new[] { ("situation", "Between_Moment_Situation", m.SituationCipher), ("noticed", "Between_Moment_Noticed", m.NoticedCipher),
                    ("sided", "Between_Moment_Sided", m.SidedCipher), ("action", "Between_Moment_Action", m.ActionCipher),
                    ("more", "Between_Moment_More", m.MoreCipher), ("reinforce", "Between_Moment_Reinforce", m.ReinforceCipher) })
                    if (cipher is not null)
                        words.Add(new(label, await encryption.DecryptAsync(bondId, MomentWriter.Field(m.Id, column), cipher, ct)));
                list.Add(new MomentEntry(m.RecordedAt, false, names.GetValueOrDefault(m.SupporterId, ""), names.GetValueOrDefault(m.BackedId, ""), m.Answer, words));
            }
            var missedMoments = await db.Set<MissedMoment>().AsNoTracking()
                .Where(m => m.BondId == bondId && m.CreatedAt >= start && m.CreatedAt < end).OrderByDescending(m => m.CreatedAt).Take(MaxEntries).ToListAsync(ct);
            foreach (var m in missedMoments)
            {
                var words = new List<LabelledWords>();
                foreach (var (column, label, cipher) in new[] { ("what", "Between_Missed_What", m.WhatCipher), ("reflection", "Between_Missed_Reflection", m.ReflectionCipher),
                    ("response", "Between_Missed_Response", m.ResponseCipher) })
                    if (cipher is not null)
                        words.Add(new(label, await encryption.DecryptAsync(bondId, MissedMomentWriter.Field(m.Id, column), cipher, ct)));
                list.Add(new MomentEntry(m.CreatedAt, true, names.GetValueOrDefault(m.AuthorId, ""), names.GetValueOrDefault(m.OtherId, ""), m.Side, words));
            }
            momentWords = [.. list.OrderByDescending(e => e.At)];
        }

        IReadOnlyList<MapAnswerEntry>? mapAnswers = null;
        if (access.Covers(CounselScopes.MapAnswers))
        {
            var shared = await db.Set<MapSelfAnswer>().AsNoTracking().Where(a => a.BondId == bondId && a.Shared).ToListAsync(ct);
            var list = new List<MapAnswerEntry>();
            foreach (var a in shared.OrderBy(a => a.QuestionId, StringComparer.Ordinal))
                if (QuestionBank.Find(a.QuestionId) is { } question)
                    list.Add(new MapAnswerEntry(names.GetValueOrDefault(a.PersonId, ""), question.Area.Id, question.TextKey,
                        await encryption.DecryptAsync(bondId, MapWriter.SelfTextField(a.Id), a.TextCipher, ct)));
            mapAnswers = list;
        }

        var quizResult = access.Covers(CounselScopes.Quiz) ? await quiz.LatestRevealedAsync(bondId, ct) : null;

        IReadOnlyList<CycleHalfView>? halves = null;
        CycleLoop? loop = null;
        CycleStretch? cycleWeek = null, cycleMonth = null;
        if (access.Covers(CounselScopes.Cycle))
        {
            halves = await cycle.SharedHalvesAsync(bondId, ct);
            if (halves.Count == 2)
                loop = new CycleLoop(halves[0], halves[1], id => cycleText[CycleBehaviours.TextKey(id)],
                    cycleText["Words_Trigger", halves[0].Name], cycleText["Words_Reaction", halves[0].Name],
                    cycleText["Words_Trigger", halves[1].Name], cycleText["Words_Reaction", halves[1].Name])
                {
                    Description = cycleText["Loop_SvgDescBoth", halves[0].Name, halves[1].Name],
                };
            var times = nothing ? [] : await db.Database.SqlQuery<CycleTimeRow>($"""
                select local_date as "LocalDate", reconnected as "Reconnected" from cycle_times
                where bond_id = {bondId} and local_date between {monthFrom} and {to}
                """).ToListAsync(ct);
            cycleWeek = Times(weekFrom);
            cycleMonth = Times(monthFrom);

            CycleStretch Times(DateOnly from)
            {
                var inStretch = times.Where(t => t.LocalDate >= from).ToList();
                return new CycleStretch(inStretch.Count, inStretch.GroupBy(t => t.Reconnected).ToDictionary(g => g.Key, g => g.Count()));
            }
        }

        IReadOnlyList<MapExplored>? map = null;
        if (access.Covers(CounselScopes.MapAreas))
        {
            // Only which questions were answered and shared: the words are never read.
            var answered = await db.Database.SqlQuery<MapRow>($"""
                select person_id as "PersonId", question_id as "QuestionId" from map_self_answers where bond_id = {bondId} and shared
                """).ToListAsync(ct);
            map = people.Select(id => new MapExplored(names[id], QuestionBank.Areas
                .Where(a => answered.Any(r => r.PersonId == id && QuestionBank.Find(r.QuestionId)?.Area.Id == a.Id))
                .Select(a => a.Id).ToList())).ToList();
        }

        CounselRecord.Read(audit, access, page);
        await db.SaveChangesAsync(ct);
        return new BetweenSessionsView(grantId,
            await encryption.DecryptAsync(bondId, CounselGrants.ShownAsField(grantId), access.ShownAsCipher, ct),
            access.PurposeCipher is null ? null : await encryption.DecryptAsync(bondId, CounselGrants.PurposeField(grantId), access.PurposeCipher, ct),
            access.Scopes, access.ExpiresAt, weekFrom, monthFrom, to, nothing, trends, chart,
            momentsWeek, momentsMonth, pausesWeek, pausesMonth, hasPlan, planChangedAt, entries,
            halves, loop, cycleWeek, cycleMonth, map, plan, momentWords, mapAnswers, quizResult, access.Covers(CounselScopes.Quiz));
    }

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;
}
