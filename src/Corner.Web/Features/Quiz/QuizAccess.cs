using Corner.Web.Features.Bonds;

namespace Corner.Web.Features.Quiz;

/// <summary>
/// The quiz's one membership check: every quiz handler asks here before touching a round, so switching to a
/// shared rule later changes one place. Row-level security (0018_quiz.sql) is the second wall behind it.
/// </summary>
public sealed class QuizAccess(SpaceAccessor spaces)
{
    /// <summary>The space when <paramref name="personId"/> is a current member of it, else null (answer 404).</summary>
    public Task<BondSummary?> SpaceForMemberAsync(Guid bondId, Guid personId, CancellationToken ct) =>
        spaces.FindForMemberAsync(bondId, personId, ct);
}
