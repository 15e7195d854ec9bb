using Corner.Web.Data;
using Corner.Web.Features.Shared;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.PartnerMap;

/// <summary>The viewer's own answer. <see cref="MayHaveChanged"/> after six months: an invitation to revisit.</summary>
public sealed record MyAnswer(Guid Id, string? Text, bool Shared, DateTimeOffset AnsweredAt, bool MayHaveChanged);

/// <summary>The viewer's guess about the other member, and how the other compared it (once they have).</summary>
public sealed record MyGuess(Guid Id, string? Text, DateTimeOffset GuessedAt, string? Mark, string? Note, DateTimeOffset? ComparedAt);

/// <summary>The other member's guess about the viewer. Its words are only given once the viewer has answered
/// the question themselves, so a guess never steers their own answer.</summary>
public sealed record GuessAboutMe(Guid Id, string? Text, DateTimeOffset GuessedAt, string? Mark, string? Note, bool CanCompare);

/// <summary>The other member's own answer, only when they shared it and the viewer has accepted the trust screen.</summary>
public sealed record TheirAnswer(string? Text, DateTimeOffset AnsweredAt, bool MayHaveChanged);

/// <summary>Everything on the map about one question, as the viewer may see it.</summary>
public sealed record QuestionState(MapQuestion Question, MyAnswer? Mine, MyGuess? MyGuess, GuessAboutMe? TheirGuess,
    TheirAnswer? TheirAnswer, bool TheirAnswerAwaitsTrust);

/// <summary>Counts for one area, describing the map (never grading anyone).</summary>
public sealed record AreaSummary(MapArea Area, int Answered, int MayHaveChanged, int TheyShared, int Guessed, int GuessedAboutMe,
    int SpotOn, int Close, int NotQuite)
{
    public int Compared => SpotOn + Close + NotQuite;
    public bool Explored => Answered > 0;

    /// <summary>A resx key describing the area for the two of them: nothing compared yet, much still to discover,
    /// familiar ground, or getting to know each other.</summary>
    public string DescriptionKey => Compared == 0 ? "Summary_NothingCompared"
        : NotQuite * 2 > Compared ? "Summary_StillToDiscover"
        : SpotOn * 2 >= Compared ? "Summary_FamiliarGround"
        : "Summary_GettingToKnow";
}

public sealed record MapView(IReadOnlyList<QuestionState> Questions, bool TrustConfirmed)
{
    public IEnumerable<QuestionState> InArea(MapArea area) => Questions.Where(q => q.Question.Area == area);

    public IReadOnlyList<AreaSummary> Summaries => QuestionBank.Areas.Select(area =>
    {
        var states = InArea(area).ToList();
        // Every comparison in the area, in both directions: how well the two know each other here.
        var marks = states.SelectMany(s => new[] { s.MyGuess?.Mark, s.TheirGuess?.Mark }).Where(m => m is not null).ToList();
        return new AreaSummary(area,
            states.Count(s => s.Mine is not null),
            states.Count(s => s.Mine?.MayHaveChanged == true),
            states.Count(s => s.TheirAnswer is not null || s.TheirAnswerAwaitsTrust),
            states.Count(s => s.MyGuess is not null),
            states.Count(s => s.TheirGuess is not null),
            marks.Count(m => m == MapWriter.SpotOn), marks.Count(m => m == MapWriter.Close), marks.Count(m => m == MapWriter.NotQuite));
    }).ToList();
}

/// <summary>Reads the map as one member sees it; every query names the bond and the viewer, and RLS backs it up.</summary>
public sealed class MapQueries(CornerDbContext db, FieldEncryption encryption, TimeProvider clock, PersonalDay day)
{
    /// <summary>Answers older than this may have changed.</summary>
    public static bool MayHaveChanged(DateTimeOffset answeredAt, DateTimeOffset now) => answeredAt < now.AddMonths(-6);

    /// <summary>
    /// The map for <paramref name="viewerId"/> in <paramref name="bondId"/>: every question of the bank (or only
    /// <paramref name="onlyQuestion"/>), decrypting the words only when <paramref name="withTexts"/>. The caller has
    /// already checked membership (404 otherwise).
    /// </summary>
    public async Task<MapView> LoadAsync(Guid bondId, Guid viewerId, bool withTexts, MapQuestion? onlyQuestion = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var questionId = onlyQuestion?.Id;
        var trust = await db.Set<MapTrust>().AnyAsync(t => t.BondId == bondId && t.PersonId == viewerId, ct);
        var answers = await db.Set<MapSelfAnswer>().AsNoTracking()
            .Where(a => a.BondId == bondId && (a.PersonId == viewerId || a.Shared))
            .Where(a => questionId == null || a.QuestionId == questionId)
            .ToListAsync(ct);
        var guesses = await db.Set<MapGuess>().AsNoTracking()
            .Where(g => g.BondId == bondId && (g.GuesserId == viewerId || g.SubjectId == viewerId))
            .Where(g => questionId == null || g.QuestionId == questionId)
            .ToListAsync(ct);
        // Only current members' words: someone who left is no longer part of the map. The viewer's own guesses stay
        // theirs (without the mark and note of someone who left).
        var members = await db.BondMembers.Where(m => m.BondId == bondId && m.LeftAt == null).Select(m => m.PersonId).ToListAsync(ct);

        var mine = answers.Where(a => a.PersonId == viewerId).ToDictionary(a => a.QuestionId);
        var theirs = answers.Where(a => a.PersonId != viewerId && a.Shared && members.Contains(a.PersonId)).ToDictionary(a => a.QuestionId);
        var myGuesses = guesses.Where(g => g.GuesserId == viewerId).ToDictionary(g => g.QuestionId);
        var aboutMe = guesses.Where(g => g.SubjectId == viewerId && members.Contains(g.GuesserId)).ToDictionary(g => g.QuestionId);

        var states = new List<QuestionState>();
        foreach (var question in onlyQuestion is null ? QuestionBank.Questions : [onlyQuestion])
        {
            MyAnswer? myAnswer = null;
            if (mine.TryGetValue(question.Id, out var a))
                myAnswer = new MyAnswer(a.Id, withTexts ? await DecryptAsync(bondId, MapWriter.SelfTextField(a.Id), a.TextCipher, ct) : null,
                    a.Shared, a.AnsweredAt, MayHaveChanged(a.AnsweredAt, now));

            MyGuess? myGuess = null;
            if (myGuesses.TryGetValue(question.Id, out var g))
            {
                var stillHere = members.Contains(g.SubjectId);
                myGuess = new MyGuess(g.Id, withTexts ? await DecryptAsync(bondId, MapWriter.GuessTextField(g.Id), g.TextCipher, ct) : null,
                    g.GuessedAt, stillHere ? g.Mark : null,
                    withTexts && stillHere ? await DecryptAsync(bondId, MapWriter.GuessNoteField(g.Id), g.NoteCipher, ct) : null,
                    stillHere ? g.ComparedAt : null);
            }

            GuessAboutMe? guessAboutMe = null;
            if (aboutMe.TryGetValue(question.Id, out var t))
            {
                var canSee = myAnswer is not null;
                guessAboutMe = new GuessAboutMe(t.Id,
                    withTexts && canSee ? await DecryptAsync(bondId, MapWriter.GuessTextField(t.Id), t.TextCipher, ct) : null,
                    t.GuessedAt, t.Mark,
                    withTexts && canSee ? await DecryptAsync(bondId, MapWriter.GuessNoteField(t.Id), t.NoteCipher, ct) : null,
                    canSee);
            }

            TheirAnswer? theirAnswer = null;
            var awaitsTrust = false;
            if (theirs.TryGetValue(question.Id, out var o))
            {
                if (trust)
                    theirAnswer = new TheirAnswer(withTexts ? await DecryptAsync(bondId, MapWriter.SelfTextField(o.Id), o.TextCipher, ct) : null,
                        o.AnsweredAt, MayHaveChanged(o.AnsweredAt, now));
                else
                    awaitsTrust = true;
            }
            states.Add(new QuestionState(question, myAnswer, myGuess, guessAboutMe, theirAnswer, awaitsTrust));
        }
        return new MapView(states, trust);
    }

    /// <summary>The viewer's time zone, for showing dates as theirs.</summary>
    public Task<string> TimeZoneOfAsync(Guid personId, CancellationToken ct = default) => day.ZoneAsync(personId, ct);

    private async Task<string?> DecryptAsync(Guid bondId, FieldAddress address, byte[]? cipher, CancellationToken ct) =>
        cipher is null ? null : await encryption.DecryptAsync(bondId, address, cipher, ct);
}
