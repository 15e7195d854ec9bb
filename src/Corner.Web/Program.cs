using Corner.Web.Data;
using Corner.Web.Features.Accounts;
using Corner.Web.Features.Appreciations;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.CheckIns;
using Corner.Web.Features.CycleMap;
using Corner.Web.Features.Demo;
using Corner.Web.Features.Dev;
using Corner.Web.Features.Health;
using Corner.Web.Features.Moments;
using Corner.Web.Features.PartnerMap;
using Corner.Web.Features.Push;
using Corner.Web.Features.Quiz;
using Corner.Web.Features.Reconnection;
using Corner.Web.Features.Reminders;
using Corner.Web.Infrastructure;
using Corner.Web.Infrastructure.Live;
using Corner.Web.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddCornerInfrastructure();
builder.AddCornerTelemetry();
builder.AddCornerSecurity();
builder.Services.AddAccounts();
builder.Services.AddBonds();
builder.Services.AddCheckIns();
builder.Services.AddAppreciations();
builder.Services.AddPartnerMap();
builder.Services.AddCycleMap();
builder.Services.AddReconnection();
builder.Services.AddMoments();
builder.Services.AddQuiz();
builder.Services.AddReminders(builder.Configuration);
builder.Services.AddPush(builder.Configuration);
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
var api = app.MapGroup("/api/v1").RequireAuthorization(CornerSecurity.ApiPolicy).WithTags("Corner API");
api.MapAccountsApi(app);
api.MapBondsApi();
api.MapCheckInsApi();
api.MapAppreciationsApi();
api.MapPartnerMapApi();
api.MapCycleMapApi();
api.MapReconnectionApi();
api.MapMomentsApi();
api.MapQuizApi();
api.MapPushApi();
if (app.Environment.IsDevelopment())
    app.MapDevMail();

await app.RunAsync();

/// <summary>Exposed for the integration tests' WebApplicationFactory.</summary>
public partial class Program;
