using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Reconnection;

/// <summary>
/// What the reconnection part of a space waits on this person for: a plan the other member changed that this
/// person has not confirmed yet, and a pause whose time is up that this person has not answered.
/// </summary>
public sealed class ReconnectionWaiting(CornerDbContext db, TimeProvider clock, IStringLocalizer<ReconnectionText> text) : IWaitingForYouSource
{
    public string CountSql => $"""
        (select count(*) from reconnection_plans p where p.bond_id = m.bond_id and p.updated_by <> m.person_id
            and not exists (select 1 from reconnection_plan_confirmations c
                            where c.bond_id = m.bond_id and c.person_id = m.person_id and c.version = p.version))
        + (select count(*) from (select 1 from pauses p where p.bond_id = m.bond_id and p.ended_at is null and p.ends_at <= @now
            and p.ends_at > @now - make_interval(secs => {(int)PauseSignal.Forgotten.TotalSeconds})
            and not (m.person_id = any(p.ready)) limit 1) x)
        """;

    public async Task<IReadOnlyList<WaitingItem>> ListAsync(Guid bondId, Guid personId, string otherName, CancellationToken ct)
    {
        var items = new List<WaitingItem>();
        var plan = await db.Set<ReconnectionPlan>().AsNoTracking()
            .Where(p => p.BondId == bondId && p.UpdatedBy != personId)
            .Where(p => !db.Set<ReconnectionPlanConfirmation>().Any(c => c.BondId == bondId && c.PersonId == personId && c.Version == p.Version))
            .Select(p => new { p.UpdatedAt })
            .FirstOrDefaultAsync(ct);
        if (plan is not null)
            items.Add(new WaitingItem(plan.UpdatedAt, text["Waiting_PlanToConfirm", otherName], $"/spaces/{bondId}/reconnect"));

        var now = clock.GetUtcNow();
        var since = now - PauseSignal.Forgotten;
        var pause = await db.Set<Pause>().AsNoTracking()
            .Where(p => p.BondId == bondId && p.EndedAt == null && p.EndsAt <= now && p.EndsAt > since)
            .Select(p => new { p.EndsAt, p.Ready })
            .FirstOrDefaultAsync(ct);
        if (pause is not null && !pause.Ready.Contains(personId))
            items.Add(new WaitingItem(pause.EndsAt, text["Waiting_ReadyToComeBack"], $"/spaces/{bondId}/pause"));
        return items;
    }
}
