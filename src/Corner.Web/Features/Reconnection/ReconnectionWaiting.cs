using Corner.Web.Features.Bonds;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Reconnection;

/// <summary>
/// What the reconnection part of a space waits on this person for: a plan the other member changed that this
/// person has not confirmed yet, and a pause whose time is up that this person has not answered.
/// </summary>
public sealed class ReconnectionWaiting(IStringLocalizer<ReconnectionText> text) : IWaitingForYouSource
{
    public string Sql => $"""
        select p.updated_at as since, 'plan' as kind, null::uuid as item_id, null::date as day, null::text as detail, null::uuid as who
        from reconnection_plans p
        where p.bond_id = m.bond_id and p.updated_by <> m.person_id
          and not exists (select 1 from reconnection_plan_confirmations c
                          where c.bond_id = m.bond_id and c.person_id = m.person_id and c.version = p.version)
        union all
        (select p.ends_at, 'pause', p.id, null::date, null::text, null::uuid
         from pauses p
         where p.bond_id = m.bond_id and p.ended_at is null and p.ends_at <= @now
           and p.ends_at > @now - make_interval(secs => {(int)PauseSignal.Forgotten.TotalSeconds})
           and not (m.person_id = any(p.ready))
         limit 1)
        """;

    public Task<WaitingItem?> ToItemAsync(WaitingRow row, Guid bondId, string otherName, CancellationToken ct) =>
        Task.FromResult<WaitingItem?>(row.Kind == "plan"
            ? new WaitingItem(row.Since, text["Waiting_PlanToConfirm", otherName], $"/spaces/{bondId}/reconnect")
            : new WaitingItem(row.Since, text["Waiting_ReadyToComeBack"], $"/spaces/{bondId}/pause"));
}
