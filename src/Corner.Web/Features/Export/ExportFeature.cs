using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Corner.Web.Infrastructure.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Corner.Web.Features.Export;

/// <summary>A person's export (issue 14, item 2; docs/export.md): each feature adds its <see cref="IExportSource"/>
/// from its own folder; this folder builds, seals, hands over and clears the file.</summary>
public sealed class ExportFeature : ICornerFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Exports>();
        services.AddScoped<ExportBuilder>();
        services.AddScoped<IJobHandler, ExportJob>();
        services.AddScoped<IRecurringJobStep, ExportCleanup>();
    }

    /// <summary><c>/api/v1/account/export</c>: ask for one (202), see how it goes, download it. The same handler as the page.</summary>
    public void MapApi(RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        var export = api.MapGroup("/account/export").WithTags("Export");

        export.MapPost("", async (HttpContext http, Exports exports, CancellationToken ct) =>
                TypedResults.Accepted("/api/v1/account/export", Dto(await exports.RequestAsync(http.User.PersonId(), ct))))
            .WithName("RequestExport")
            .WithSummary("Asks for a new export of everything that is yours; 202 with its state. If one is already being made, that one is returned.");

        export.MapGet("", async Task<Results<Ok<ExportDto>, NotFound>> (HttpContext http, Exports exports, CancellationToken ct) =>
                await exports.LatestAsync(http.User.PersonId(), ct) is { } latest ? TypedResults.Ok(Dto(latest)) : TypedResults.NotFound())
            .WithName("GetExport")
            .WithSummary("Your latest export: queued, building (with progress 0-100), ready (until expiresAt) or failed; 404 when there is none.");

        export.MapGet("/file", async Task<Results<FileContentHttpResult, NotFound>> (HttpContext http, Exports exports, CancellationToken ct) =>
                await exports.LatestAsync(http.User.PersonId(), ct) is { State: ExportStates.Ready } latest
                    && await exports.FileAsync(http.User.PersonId(), latest.Id, ct) is var (zip, readyAt)
                    ? TypedResults.File(zip, "application/zip", $"corner-export-{readyAt:yyyy-MM-dd}.zip")
                    : TypedResults.NotFound())
            .WithName("DownloadExport")
            .WithSummary("Your latest export as a ZIP (export.json, index.html, README.txt) once it is ready; 404 when there is none ready (or it expired).");
    }

    public sealed record ExportDto(Guid Id, string State, int Progress, DateTimeOffset RequestedAt, DateTimeOffset? ReadyAt, DateTimeOffset ExpiresAt,
        int? Size, string? File);

    private static ExportDto Dto(ExportStatus s) => new(s.Id, s.State, s.Progress, s.RequestedAt, s.ReadyAt, s.ExpiresAt, s.Size,
        s.State == ExportStates.Ready ? "/api/v1/account/export/file" : null);
}
