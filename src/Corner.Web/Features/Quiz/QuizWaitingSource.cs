using Corner.Web.Features.Bonds;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Quiz;

/// <summary>The content-free notice "Sam finished the quiz": only after the reveal, until the result is seen.</summary>
public sealed class QuizWaitingSource(QuizRounds rounds, IStringLocalizer<QuizText> text) : IWaitingForYouSource
{
    public async Task<IReadOnlyList<WaitingItem>> ListAsync(Guid bondId, Guid personId, string otherName, CancellationToken ct) =>
        await rounds.UnseenRevealAsync(bondId, personId, ct) is { } since
            ? [new WaitingItem(since, text["Notice_Finished", otherName], $"/spaces/{bondId}/quiz")]
            : [];
}
