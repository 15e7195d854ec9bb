using Corner.Web.Data;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Corner.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Accounts;

public sealed class AccountsFeature : ICornerFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        // AddIdentityCore does not register WebAuthn support; SignInManager picks this up for passkeys.
        services.TryAddScoped<IPasskeyHandler<Person>, PasskeyHandler<Person>>();
        services.AddScoped<AccountEmails>();
        services.AddScoped<EmailChange>();
        services.AddScoped<Registration>();
        services.AddScoped<AccountSignIn>();
        services.AddScoped<TokenSignIn>();
        services.AddScoped<EmailLinks>();
        services.AddScoped<AccountSettings>();
        services.AddScoped<AccountDeletion>();
        services.AddScoped<TwoFactorSetup>();
        services.AddScoped<Passkeys>();
        services.AddScoped<PrivacyCentre>();
        services.AddScoped<Sessions>();
        services.AddScoped<Corner.Web.Infrastructure.Jobs.IHousekeepingStep, SessionsHousekeeping>();
        services.AddSingleton<UnknownAddressLockout>();
    }

    public sealed record TokenRequest(string? Email, string? Password, string? TwoFactorCode);

    public sealed record MeDto(string DisplayName, string Email, string TimeZone);

    /// <summary>One device the caller is signed in on: a browser, or an app holding an API token.</summary>
    public sealed record SessionDto(Guid Id, string Kind, string? Browser, string? Platform, string? Network,
        DateTimeOffset SignedInAt, DateTimeOffset LastActiveAt, bool Current);

    public sealed record SessionsDto(IReadOnlyList<SessionDto> Items);

    public void MapApi(RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        api.MapPost("/auth/token", async Task<Results<EmptyHttpResult, ProblemHttpResult>> (
                TokenRequest request, TokenSignIn tokens, IStringLocalizer<AccountsText> text, CancellationToken ct) =>
            {
                var outcome = await tokens.SignInAsync(request.Email, request.Password, request.TwoFactorCode, ct);
                if (outcome == SignInOutcome.Succeeded)
                    return TypedResults.Empty; // the token response is already written
                var key = outcome switch
                {
                    SignInOutcome.RequiresTwoFactor => "Api_TwoFactorRequired",
                    SignInOutcome.LockedOut => "SignIn_LockedOut",
                    SignInOutcome.NotConfirmed => "SignIn_NotConfirmed",
                    _ => "SignIn_Failed",
                };
                return TypedResults.Problem(title: text[key], statusCode: StatusCodes.Status401Unauthorized,
                    extensions: new Dictionary<string, object?> { ["reason"] = outcome.ToString() });
            })
            .AllowAnonymous()
            .RequireRateLimiting(CornerSecurity.RateLimits.SignIn)
            .WithName("CreateToken")
            .WithSummary("Exchanges email and password (and a two-factor code when it is on) for a bearer token.")
            .WithTags("Account");

        api.MapGet("/me", async Task<Results<Ok<MeDto>, NotFound>> (HttpContext http, CornerDbContext db, CancellationToken ct) =>
            {
                var personId = http.User.PersonId();
                var me = await db.Users.Where(u => u.Id == personId)
                    .Select(u => new MeDto(u.DisplayName, u.Email ?? "", u.TimeZone))
                    .FirstOrDefaultAsync(ct);
                return me is null ? TypedResults.NotFound() : TypedResults.Ok(me);
            })
            .WithName("GetMe")
            .WithSummary("The caller's own display name, email and time zone.")
            .WithTags("Account");

        api.MapGet("/me/sessions", async Task<Results<Ok<SessionsDto>, NotFound>> (
                HttpContext http, AccountSettings settings, Sessions sessions, CancellationToken ct) =>
            {
                if (await settings.CurrentAsync(http.User) is not Person person)
                    return TypedResults.NotFound();
                var current = Sessions.IdOf(http.User);
                var items = await sessions.ListAsync(person, ct);
                return TypedResults.Ok(new SessionsDto([.. items.Select(s => new SessionDto(s.Id, s.Kind, s.Browser, s.Platform,
                    s.Network, s.SignedInAt, s.LastSeenAt, s.Id == current))]));
            })
            .WithName("ListSessions")
            .WithSummary("The browsers and apps the caller is signed in on, most recently active first.")
            .WithTags("Account");

        api.MapDelete("/me/sessions/{sessionId:guid}", async Task<Results<NoContent, ProblemHttpResult>> (
                Guid sessionId, HttpContext http, Sessions sessions, IStringLocalizer<AccountsText> text, CancellationToken ct) =>
                await sessions.EndAsync(http.User.PersonId(), sessionId, ct)
                    ? TypedResults.NoContent()
                    : ApiProblem.For(StatusCodes.Status404NotFound, "session_not_found", text["Sessions_NotFound"]))
            .WithName("EndSession")
            .WithSummary("Signs one of the caller's browsers or apps out (a browser at its next check, within a minute; a token at once).")
            .WithTags("Account");

        _ = app;
    }
}
