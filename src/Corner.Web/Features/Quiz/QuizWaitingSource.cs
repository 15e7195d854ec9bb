using Corner.Web.Features.Bonds;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Quiz;

/// <summary>The content-free notice "Sam finished the quiz": only after the reveal, until the result is seen.</summary>
public sealed class QuizWaitingSource(QuizRounds rounds, IStringLocalizer<QuizText> text) : IWaitingForYouSource
{
    public string CountSql => """
        (select count(*) from (select 1 from quiz_finishes f join quiz_rounds r on r.id = f.round_id
            where r.bond_id = m.bond_id and r.revealed_at is not null and f.person_id = m.person_id and f.result_seen_at is null
            limit 1) q)
        """;

    public async Task<IReadOnlyList<WaitingItem>> ListAsync(Guid bondId, Guid personId, string otherName, CancellationToken ct) =>
        await rounds.UnseenRevealAsync(bondId, personId, ct) is { } since
            ? [new WaitingItem(since, text["Notice_Finished", otherName], $"/spaces/{bondId}/quiz")]
            : [];
}
