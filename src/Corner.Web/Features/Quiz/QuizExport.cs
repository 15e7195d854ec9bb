using System.Globalization;
using Corner.Web.Features.Export;

namespace Corner.Web.Features.Quiz;

/// <summary>The strengths quiz of a space: each revealed result (the two people's profile), and the person's answers
/// to a round still open.</summary>
public sealed class QuizExport(QuizRounds rounds, TimeProvider clock) : IExportSource
{
    public string Practice => "quiz";

    public async Task<IReadOnlyList<ExportEntry>> InSpaceAsync(ExportSpace space, Guid personId, CancellationToken ct)
    {
        if (await rounds.StateAsync(space.Id, personId, ct) is not { } state)
            return [];
        var entries = state.Revealed.Select(r => new ExportEntry("quiz_result", true, null, r.RevealedAt,
            [
                new("round", r.Number.ToString(CultureInfo.InvariantCulture)), new("headline", r.Result.Headline),
                .. r.Result.Dimensions.Select(d => new ExportField(d.Dimension,
                    string.Create(CultureInfo.InvariantCulture, $"{d.Lower:0.#} to {d.Higher:0.#} ({d.Kind})"))),
            ])).ToList();
        if (state.InProgress is { Answers.Count: > 0 } open)
            entries.Add(new ExportEntry("quiz_answers", true, null, clock.GetUtcNow(),
                [new("round", open.Number.ToString(CultureInfo.InvariantCulture)),
                 new("answers", string.Join(", ", open.Answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}: {a.Value}")))]));
        return entries;
    }
}
