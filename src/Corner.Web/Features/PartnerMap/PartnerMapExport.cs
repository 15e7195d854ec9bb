using Corner.Web.Features.Export;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.PartnerMap;

/// <summary>The partner map of a space: the person's answers about themselves, their guesses about the other and how
/// the other compared them, the other's guesses about them, and the other's own answers only where the map shows them
/// (shared, and the trust screen accepted).</summary>
public sealed class PartnerMapExport(MapQueries queries, IStringLocalizer<PartnerMapText> text) : IExportSource
{
    public string Practice => "partner_map";

    public async Task<IReadOnlyList<ExportEntry>> InSpaceAsync(ExportSpace space, Guid personId, CancellationToken ct)
    {
        var map = await queries.LoadAsync(space.Id, personId, withTexts: true, ct: ct);
        var entries = new List<ExportEntry>();
        foreach (var q in map.Questions)
        {
            var question = text[q.Question.TextKey].Value;
            if (q.Mine is { } mine)
                entries.Add(new ExportEntry("map_answer", true, null, mine.AnsweredAt,
                    [new("question", question), new("answer", mine.Text), new("shared", mine.Shared ? "yes" : "no")]));
            if (q.MyGuess is { } guess)
                entries.Add(new ExportEntry("map_guess", true, null, guess.GuessedAt,
                    [new("question", question), new("guess", guess.Text), new("their_mark", guess.Mark), new("their_note", guess.Note)]));
            if (q.TheirGuess is { } theirs)
                entries.Add(new ExportEntry("map_guess", false, space.OtherName, theirs.GuessedAt,
                    [new("question", question), new("guess", theirs.Text), new("your_mark", theirs.Mark), new("your_note", theirs.Note)]));
            if (q.TheirAnswer is { } answer)
                entries.Add(new ExportEntry("map_answer", false, space.OtherName, answer.AnsweredAt, [new("question", question), new("answer", answer.Text)]));
        }
        return entries;
    }
}
