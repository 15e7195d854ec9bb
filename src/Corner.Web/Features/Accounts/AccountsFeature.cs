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
        services.AddSingleton<UnknownAddressLockout>();
    }

    public sealed record TokenRequest(string? Email, string? Password, string? TwoFactorCode);

    public sealed record MeDto(string DisplayName, string Email, string TimeZone);

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

        _ = app;
    }
}
