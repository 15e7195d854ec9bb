using System.Security.Claims;
using Corner.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Corner.Web.Features.Accounts;

/// <summary>
/// Signs in for the API: email and password (and a two-factor code when it is on) for a bearer token.
/// Same rules as the sign-in page: lockout counts, unconfirmed addresses are refused, everything is audited.
/// </summary>
public sealed class TokenSignIn(
    CornerDbContext db,
    IHttpContextAccessor http,
    Sessions sessions,
    AccountSignIn accountSignIn,
    SignInManager<Person> signInManager,
    UserManager<Person> users)
{
    /// <summary>On <see cref="SignInOutcome.Succeeded"/> the token has already been written as the response.</summary>
    public async Task<SignInOutcome> SignInAsync(string? email, string? password, string? twoFactorCode, CancellationToken ct)
    {
        await using var system = await db.SystemScopeAsync(ct);
        var (early, person) = await accountSignIn.CheckAccountAsync(email, password, ct);
        if (early is not null)
            return early.Value;

        var check = await signInManager.CheckPasswordSignInAsync(person!, password!, lockoutOnFailure: true);
        var outcome = AccountSignIn.Map(check);
        if (outcome == SignInOutcome.Succeeded && await users.GetTwoFactorEnabledAsync(person!))
            outcome = await CheckTwoFactorAsync(person!, twoFactorCode);
        if (outcome != SignInOutcome.RequiresTwoFactor)
            accountSignIn.Record(outcome, person!.Id);
        // A bearer sign-in writes the token as the response body, which commits the request's
        // transaction: so the audit row is saved first, then the token is issued.
        await db.SaveChangesAsync(ct);
        if (outcome != SignInOutcome.Succeeded)
            return outcome;

        // The password (and code) proved who this is; the response that carries the token ends as them.
        await system.DisposeAsync();
        await db.ActAsAsync(person!.Id, ct);
        // The token carries its session, which the privacy centre lists and can sign out.
        var session = await sessions.StartAsync(person!.Id, Sessions.ApiKind, person.SecurityStamp,
            SessionOrigin.From(http.HttpContext!), null, ct);
        signInManager.AuthenticationScheme = IdentityConstants.BearerScheme;
        await signInManager.SignInWithClaimsAsync(person, new AuthenticationProperties { IsPersistent = false },
            [new Claim(Sessions.ClaimType, session.ToString())]);
        return outcome;
    }

    private async Task<SignInOutcome> CheckTwoFactorAsync(Person person, string? twoFactorCode)
    {
        if (string.IsNullOrWhiteSpace(twoFactorCode))
            return SignInOutcome.RequiresTwoFactor;
        var code = AccountSignIn.CleanCode(twoFactorCode);
        if (code.Length is > 0 and <= 10
            && await users.VerifyTwoFactorTokenAsync(person, TokenOptions.DefaultAuthenticatorProvider, code))
        {
            await users.ResetAccessFailedCountAsync(person);
            return SignInOutcome.Succeeded;
        }
        await users.AccessFailedAsync(person);
        return await users.IsLockedOutAsync(person) ? SignInOutcome.LockedOut : SignInOutcome.Failed;
    }
}
