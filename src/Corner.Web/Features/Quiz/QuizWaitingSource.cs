using Corner.Web.Features.Bonds;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Quiz;

/// <summary>The content-free notice "Sam finished the quiz": only after the reveal, until the result is seen.</summary>
public sealed class QuizWaitingSource(IStringLocalizer<QuizText> text) : IWaitingForYouSource
{
    public string Sql => """
        (select r.revealed_at as since, 'revealed' as kind, r.id as item_id, null::date as day, null::text as detail, null::uuid as who
         from quiz_finishes f join quiz_rounds r on r.id = f.round_id
         where r.bond_id = m.bond_id and r.revealed_at is not null and f.person_id = m.person_id and f.result_seen_at is null
         order by r.number desc limit 1)
        """;

    public Task<WaitingItem?> ToItemAsync(WaitingRow row, Guid bondId, string otherName, CancellationToken ct) =>
        Task.FromResult<WaitingItem?>(new WaitingItem(row.Since, text["Notice_Finished", otherName], $"/spaces/{bondId}/quiz"));
}
