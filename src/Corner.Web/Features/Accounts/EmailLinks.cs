using Corner.Web.Data;
using Corner.Web.Security;
using Microsoft.AspNetCore.Identity;

namespace Corner.Web.Features.Accounts;

/// <summary>
/// What the emailed links do: confirm an address, resend that link, ask for and perform a password
/// reset. Requests that start from an address always answer the same, account or not.
/// </summary>
public sealed class EmailLinks(CornerDbContext db, UserManager<Person> users, AccountEmails emails, AuditLog audit)
{
    public enum LinkOutcome { Done, InvalidLink, PasswordErrors }

    public async Task<LinkOutcome> ConfirmEmailAsync(string? userId, string? code, CancellationToken ct)
    {
        if (await FindFromLinkAsync(userId, ct) is not { } person || AccountEmails.DecodeToken(code) is not { } token)
            return LinkOutcome.InvalidLink;
        var result = await users.ConfirmEmailAsync(person, token);
        return result.Succeeded ? LinkOutcome.Done : LinkOutcome.InvalidLink;
    }

    /// <summary>Sends a fresh confirmation link if the address has an unconfirmed account; silently nothing otherwise.</summary>
    public async Task<bool> ResendConfirmationAsync(string? email, string? returnUrl, CancellationToken ct)
    {
        if (!AccountRules.TryNormalizeEmail(email, out var address))
            return false;
        // Nobody is signed in and the address may belong to anyone: system scope.
        await using var system = await db.SystemScopeAsync(ct);
        if (await users.FindByEmailAsync(address) is { EmailConfirmed: false } person)
            await emails.SendConfirmationAsync(person, returnUrl, ct);
        return true;
    }

    /// <summary>Emails a reset link when the address has an account (a confirmation link when it is
    /// not confirmed yet). False only when the address is not an address at all.</summary>
    public async Task<bool> ForgotPasswordAsync(string? email, CancellationToken ct)
    {
        if (!AccountRules.TryNormalizeEmail(email, out var address))
            return false;
        // Nobody is signed in and the address may belong to anyone: system scope.
        await using var system = await db.SystemScopeAsync(ct);
        var person = await users.FindByEmailAsync(address);
        if (person is { EmailConfirmed: true })
            await emails.SendPasswordResetAsync(person, ct);
        else if (person is not null)
            await emails.SendConfirmationAsync(person, returnUrl: null, ct);
        return true;
    }

    public async Task<(LinkOutcome Outcome, IReadOnlyList<FieldError> Errors)> ResetPasswordAsync(
        string? userId, string? code, string? newPassword, CancellationToken ct)
    {
        if (await FindFromLinkAsync(userId, ct) is not { } person || AccountEmails.DecodeToken(code) is not { } token)
            return (LinkOutcome.InvalidLink, []);
        if (AccountRules.PasswordLengthError(newPassword) is { } lengthError)
            return (LinkOutcome.PasswordErrors, [new FieldError("Password", lengthError)]);
        var quality = await Registration.PasswordErrorsAsync(users, person, newPassword!);
        if (quality.Count > 0)
            return (LinkOutcome.PasswordErrors, quality);

        // Resetting changes the security stamp too, so every existing session ends.
        var result = await users.ResetPasswordAsync(person, token, newPassword!);
        if (!result.Succeeded)
            return result.Errors.Any(e => e.Code == "InvalidToken")
                ? (LinkOutcome.InvalidLink, [])
                : (LinkOutcome.PasswordErrors, result.Errors.Select(e => new FieldError("Password", Registration.MessageKeyFor(e.Code))).Distinct().ToList());
        // Whoever can read this inbox owns the account: lift a lockout the guessing may have caused.
        await users.ResetAccessFailedCountAsync(person);
        await users.SetLockoutEndDateAsync(person, null);
        audit.Record(AuditKinds.PasswordReset, person.Id);
        await db.SaveChangesAsync(ct);
        return (LinkOutcome.Done, []);
    }

    private async Task<Person?> FindFromLinkAsync(string? userId, CancellationToken ct)
    {
        if (!Guid.TryParse(userId, out var id))
            return null;
        // Nobody is signed in; the link names the person and its token is checked next. Read only their row.
        await db.ActAsAsync(id, ct);
        return await users.FindByIdAsync(id.ToString());
    }
}
