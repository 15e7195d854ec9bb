using Corner.Web.Features.Bonds;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.CheckIns;

/// <summary>Reflections on this person's check-ins in the space that they have not yet answered.</summary>
public sealed class CheckInsWaiting(IStringLocalizer<CheckInsText> text) : IWaitingForYouSource
{
    public string Sql => """
        select r.created_at as since, 'reflection' as kind, r.id as item_id, null::date as day, null::text as detail, null::uuid as who
        from reflections r
        join check_in_shares s on s.check_in_id = r.check_in_id and s.bond_id = r.bond_id
        where r.bond_id = m.bond_id and s.person_id = m.person_id and r.author_id <> m.person_id and r.response is null
        """;

    // A new reflection already counts in the badge as new in the check-ins; once seen there it waits on the home only.
    public bool CountsInBadge => false;

    public Task<WaitingItem?> ToItemAsync(WaitingRow row, Guid bondId, string otherName, CancellationToken ct) =>
        Task.FromResult<WaitingItem?>(new WaitingItem(row.Since, text["Waiting_ReflectionToAnswer", otherName], $"/spaces/{bondId}/check-ins"));
}
