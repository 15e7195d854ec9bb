using Corner.Web.Data;
using Corner.Web.Features.Demo;
using Corner.Web.Features.Dev;
using Corner.Web.Features.Health;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Corner.Web.Infrastructure.Live;
using Corner.Web.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddCornerInfrastructure();
builder.AddCornerTelemetry();
builder.AddCornerSecurity();
builder.AddCornerFeatures();
builder.Services.AddLive(builder.Configuration);

var app = builder.Build();

await app.ApplyMigrationsAsync();
if (args is [MasterKeyRotationCommand.Name, ..])
{
    Environment.ExitCode = await MasterKeyRotationCommand.RunAsync(app);
    return;
}
await app.SeedDemoAsync();

app.UseCornerPipeline();

app.MapRazorPages();
app.MapHealth();
app.MapLive();
app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
var api = app.MapGroup("/api/v1").RequireAuthorization(CornerSecurity.ApiPolicy).WithTags("Corner API")
    .AddEndpointFilter<Corner.Web.Features.Bonds.SpaceAccessEndpointFilter>();
api.MapCornerFeatureApis(app);
if (app.Environment.IsDevelopment())
    app.MapDevMail();

await app.RunAsync();

/// <summary>Exposed for the integration tests' WebApplicationFactory.</summary>
public partial class Program;
