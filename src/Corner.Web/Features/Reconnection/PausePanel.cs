using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.Reconnection;

/// <summary>What the pause panel shows: the open pause (if any) with the plan's steps beside it, in the reader's time.</summary>
public sealed record PausePanelModel(BondSummary Bond, PauseView? Pause, PlanView? Plan, string TimeZone)
{
    public bool Active => Pause is not null;
}

/// <summary>Loads <see cref="PausePanelModel"/> for a member of the space, or null (answer 404).</summary>
public sealed class PausePanelLoader(PersonalDay day, SpaceAccessor spaces, PauseSignal pauses, ReconnectionPlans plans)
{
    private PausePanelModel? _forSpaceHome;

    public async Task<PausePanelModel?> LoadAsync(Guid bondId, Guid personId, CancellationToken ct = default)
    {
        if (await spaces.FindForMemberAsync(bondId, personId, ct) is not { } bond)
            return null;
        return await ReadAsync(bond, personId, ct);
    }

    /// <summary>For the space home, where the pause at the top and the reconnection card show the same pause, read with
    /// the other cards (<see cref="SpaceReconnectionReads"/>): built once per request.</summary>
    public async Task<PausePanelModel> LoadAsync(BondSummary bond, Guid personId, SpaceReconnectionReads reads, CancellationToken ct = default) =>
        _forSpaceHome is { } loaded && loaded.Bond.Id == bond.Id
            ? loaded
            : _forSpaceHome = await PanelAsync(bond, personId, await pauses.CurrentAsync(reads.Pause!, personId, reads.Now, ct), ct);

    private async Task<PausePanelModel> ReadAsync(BondSummary bond, Guid personId, CancellationToken ct) =>
        await PanelAsync(bond, personId, await pauses.CurrentAsync(bond.Id, personId, ct), ct);

    private async Task<PausePanelModel> PanelAsync(BondSummary bond, Guid personId, PauseView? pause, CancellationToken ct)
    {
        // The plan's steps are only read when there is a pause to show them beside.
        var plan = pause is null ? null : await plans.FindAsync(bond.Id, personId, ct);
        // So is the reader's time zone: with no pause there is no time to show.
        var zone = pause is null ? "UTC" : await day.ZoneAsync(personId, ct);
        return new PausePanelModel(bond, pause, plan, zone);
    }
}
