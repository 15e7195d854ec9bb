using Corner.Web.Features.Export;

namespace Corner.Web.Features.Reconnection;

/// <summary>The space's reconnection plan, as it stands (it is written together, so it belongs to both).</summary>
public sealed class ReconnectionExport(ReconnectionPlans plans) : IExportSource
{
    public string Practice => "reconnection";

    public async Task<IReadOnlyList<ExportEntry>> InSpaceAsync(ExportSpace space, Guid personId, CancellationToken ct) =>
        await plans.FindAsync(space.Id, personId, ct) is { } plan
            ?
            [
                new ExportEntry("reconnection_plan", plan.UpdatedByMe, plan.UpdatedByName, plan.UpdatedAt,
                [
                    new("version", plan.Version.ToString()), new("sign", plan.Sign), new("pause_steps", plan.PauseSteps),
                    new("coming_back", plan.ComingBack), new("repair_phrase", plan.RepairPhrase),
                ]),
            ]
            : [];
}
