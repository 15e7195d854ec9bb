using Corner.Web.Features.Bonds;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.PartnerMap;

/// <summary>Guesses the other member made about this person that they have not compared yet.</summary>
public sealed class PartnerMapWaiting(IStringLocalizer<PartnerMapText> text) : IWaitingForYouSource
{
    public string Sql => """
        select g.guessed_at as since, 'guess' as kind, g.id as item_id, null::date as day, g.question_id::text as detail, null::uuid as who
        from map_guesses g
        where g.bond_id = m.bond_id and g.subject_id = m.person_id and g.mark is null
          and exists (select 1 from bond_members o where o.bond_id = m.bond_id and o.person_id = g.guesser_id and o.left_at is null)
        """;

    // Every guess's question is in the bank today; one taken out of it would still count in the badge (not listed).
    public Task<WaitingItem?> ToItemAsync(WaitingRow row, Guid bondId, string otherName, CancellationToken ct) =>
        Task.FromResult(QuestionBank.Find(row.Detail ?? "") is null ? null
            : new WaitingItem(row.Since, text["Waiting_GuessToCompare", otherName],
                $"/spaces/{bondId}/map/question?q={Uri.EscapeDataString(row.Detail!)}"));
}
