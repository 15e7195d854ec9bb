using Corner.Web.Features.Bonds;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Counsel;

/// <summary>The counsellor's open suggestion for the week, on the space's home until a member marks it done or puts it
/// away. Not counted in the "N new" badge: it is a standing note, not something new.</summary>
public sealed class CounselSuggestionWaiting(IStringLocalizer<CounselText> text) : IWaitingForYouSource
{
    public string Sql => """
        select s.created_at as since, 'suggestion' as kind, s.id as item_id, null::date as day, s.practice as detail, null::uuid as who
        from counsellor_suggestions s
        where s.bond_id = m.bond_id and s.closed_at is null and corner_grant_is_active(s.grant_id)
        """;

    public bool CountsInBadge => false;

    public Task<WaitingItem?> ToItemAsync(WaitingRow row, Guid bondId, string otherName, CancellationToken ct) =>
        Task.FromResult<WaitingItem?>(CounselPractices.IsKnown(row.Detail)
            ? new WaitingItem(row.Since, text["Waiting_Suggestion", text[CounselPractices.Key(row.Detail!)]], $"/spaces/{bondId}/counsellor#suggestion")
            : null);
}
