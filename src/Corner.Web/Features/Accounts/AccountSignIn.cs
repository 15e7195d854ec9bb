using System.Security.Claims;
using Corner.Web.Data;
using Corner.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Corner.Web.Features.Accounts;

public enum SignInOutcome
{
    Succeeded,
    RequiresTwoFactor,
    LockedOut,
    NotConfirmed,
    Failed,
}

/// <summary>
/// Signing in with a cookie: password, then (when it is on) a two-factor or recovery code, or a
/// passkey. Every attempt is audited; failures count towards lockout.
/// </summary>
public sealed class AccountSignIn(
    CornerDbContext db,
    SignInManager<Person> signInManager,
    UserManager<Person> users,
    IPasswordHasher<Person> hasher,
    IHttpContextAccessor http,
    AuditLog audit,
    UnknownAddressLockout unknownAddresses)
{
    // Hashed once, checked against when the address is unknown so that answer takes as long as any other.
    private static readonly Lazy<string> DecoyHash = new(() =>
        new PasswordHasher<Person>().HashPassword(new Person(), Guid.NewGuid().ToString()));

    public async Task<SignInOutcome> PasswordAsync(string? email, string? password, bool remember, CancellationToken ct)
    {
        await using var system = await db.SystemScopeAsync(ct);
        var (early, person) = await CheckAccountAsync(email, password, ct);
        if (early is not null)
            return early.Value;

        var result = await signInManager.PasswordSignInAsync(person!, password!, remember, lockoutOnFailure: true);
        var outcome = Map(result);
        // The second factor is audited when it is given, not here.
        if (outcome != SignInOutcome.RequiresTwoFactor)
            Record(outcome, person!.Id);
        await db.SaveChangesAsync(ct);
        return outcome;
    }

    /// <summary>
    /// Looks the person up and answers the cases Identity would otherwise word ambiguously:
    /// unknown address, locked account, unconfirmed address. Null outcome means "go on with the password".
    /// Call it inside the caller's <see cref="DbScopeExtensions.SystemScopeAsync"/>, which must also cover the password check.
    /// </summary>
    internal async Task<(SignInOutcome? Outcome, Person? Person)> CheckAccountAsync(string? email, string? password, CancellationToken ct)
    {
        // Nobody is signed in yet and the account is found by its address (a failure with no
        // account is audited without a person): system scope.
        if (!db.Scope.IsSystem)
            throw new InvalidOperationException("Looking an account up by its address needs system scope.");
        if (!AccountRules.TryNormalizeEmail(email, out var address) || string.IsNullOrEmpty(password)
            || password.Length > AccountRules.PasswordMaxLength)
            return await FailAsync(null);

        var person = await users.FindByEmailAsync(address);
        if (person is null)
        {
            // An address with no account answers exactly as an account would, pause included.
            if (unknownAddresses.IsLockedOut(address))
                return await LockedOutAsync();
            hasher.VerifyHashedPassword(new Person(), DecoyHash.Value, password);
            return unknownAddresses.RecordFailure(address) ? await LockedOutAsync() : await FailAsync(null);
        }
        if (await users.IsLockedOutAsync(person))
        {
            audit.Record(AuditKinds.SignInLockedOut, person.Id);
            await db.SaveChangesAsync(ct);
            return (SignInOutcome.LockedOut, person);
        }
        if (!person.EmailConfirmed)
        {
            // Only someone who knows the password learns that this address is waiting for confirmation.
            if (await users.CheckPasswordAsync(person, password))
                return (SignInOutcome.NotConfirmed, person);
            await users.AccessFailedAsync(person);
            var outcome = await users.IsLockedOutAsync(person) ? SignInOutcome.LockedOut : SignInOutcome.Failed;
            Record(outcome, person.Id);
            await db.SaveChangesAsync(ct);
            return (outcome, person);
        }
        return (null, person);

        async Task<(SignInOutcome?, Person?)> LockedOutAsync()
        {
            audit.Record(AuditKinds.SignInLockedOut, null);
            await db.SaveChangesAsync(ct);
            return (SignInOutcome.LockedOut, null);
        }

        async Task<(SignInOutcome?, Person?)> FailAsync(Guid? personId)
        {
            audit.Record(AuditKinds.SignInFailed, personId);
            await db.SaveChangesAsync(ct);
            return (SignInOutcome.Failed, null);
        }
    }

    /// <summary>The person who has given their password and now owes a second factor, if any.</summary>
    public async Task<Guid?> PendingTwoFactorPersonAsync()
    {
        var context = http.HttpContext!;
        var result = await context.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        return Guid.TryParse(result.Principal?.FindFirstValue(ClaimTypes.Name), out var id) ? id : null;
    }

    public async Task<SignInOutcome> TwoFactorCodeAsync(string? code, bool remember, bool rememberDevice, CancellationToken ct)
    {
        if (await PendingTwoFactorPersonAsync() is not { } personId)
            return SignInOutcome.Failed;
        // The password step proved who this is (the cookie is encrypted); read only their rows.
        await db.ActAsAsync(personId, ct);
        var cleaned = CleanCode(code);
        var result = cleaned.Length is 0 or > 10
            ? await FailedCodeAsync(personId)
            : await signInManager.TwoFactorAuthenticatorSignInAsync(cleaned, remember, rememberDevice);
        var outcome = Map(result);
        Record(outcome, personId);
        await db.SaveChangesAsync(ct);
        return outcome;
    }

    public async Task<SignInOutcome> RecoveryCodeAsync(string? code, CancellationToken ct)
    {
        if (await PendingTwoFactorPersonAsync() is not { } personId)
            return SignInOutcome.Failed;
        // As above: the password step proved who this is.
        await db.ActAsAsync(personId, ct);
        var cleaned = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Trim();
        SignInResult result;
        if (cleaned.Length is 0 or > 32 || AccountRules.HasUnsafeCharacters(cleaned))
            result = await FailedCodeAsync(personId);
        else
        {
            result = await signInManager.TwoFactorRecoveryCodeSignInAsync(cleaned);
            if (!result.Succeeded)
                result = await FailedCodeAsync(personId);
        }
        var outcome = Map(result);
        if (outcome == SignInOutcome.Succeeded)
            audit.Record(AuditKinds.RecoveryCodeUsed, personId);
        Record(outcome, personId);
        await db.SaveChangesAsync(ct);
        return outcome;
    }

    /// <summary>A wrong or malformed code counts towards lockout, like a wrong password.</summary>
    private async Task<SignInResult> FailedCodeAsync(Guid personId)
    {
        var person = await users.FindByIdAsync(personId.ToString());
        if (person is null)
            return SignInResult.Failed;
        if (!await users.IsLockedOutAsync(person))
            await users.AccessFailedAsync(person);
        return await users.IsLockedOutAsync(person) ? SignInResult.LockedOut : SignInResult.Failed;
    }

    /// <summary>Spaces and dashes people type between digit groups are ignored.</summary>
    public static string CleanCode(string? code) =>
        new((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());

    internal void Record(SignInOutcome outcome, Guid? personId)
    {
        switch (outcome)
        {
            case SignInOutcome.Succeeded:
                audit.Record(AuditKinds.SignInSucceeded, personId);
                break;
            case SignInOutcome.LockedOut:
                audit.Record(AuditKinds.SignInLockedOut, personId);
                break;
            case SignInOutcome.Failed:
                audit.Record(AuditKinds.SignInFailed, personId);
                break;
        }
    }

    internal static SignInOutcome Map(SignInResult result) =>
        result.Succeeded ? SignInOutcome.Succeeded
        : result.RequiresTwoFactor ? SignInOutcome.RequiresTwoFactor
        : result.IsLockedOut ? SignInOutcome.LockedOut
        : result.IsNotAllowed ? SignInOutcome.NotConfirmed
        : SignInOutcome.Failed;
}
