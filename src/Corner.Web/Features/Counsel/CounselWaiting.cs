using Corner.Web.Features.Bonds;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Counsel;

/// <summary>A counsellor proposal (new or changed) that waits for this member's yes.</summary>
public sealed class CounselWaiting(IStringLocalizer<CounselText> text) : IWaitingForYouSource
{
    public string Sql => """
        select g.changed_at as since, 'consent' as kind, g.id as item_id, null::date as day, null::text as detail, null::uuid as who
        from counsellor_grants g
        where g.bond_id = m.bond_id and g.revoked_at is null and g.expires_at > @now
          and (g.counsellor_id is not null or g.token_expires_at > @now)
          and not exists (select 1 from counsellor_consents c
                          where c.grant_id = g.id and c.person_id = m.person_id and c.version = g.version)
        """;

    public Task<WaitingItem?> ToItemAsync(WaitingRow row, Guid bondId, string otherName, CancellationToken ct) =>
        Task.FromResult<WaitingItem?>(new WaitingItem(row.Since, text["Waiting_Consent", otherName], $"/spaces/{bondId}/counsellor"));
}
