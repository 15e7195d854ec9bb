using Corner.Web.Data;
using Corner.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.Accounts;

/// <summary>
/// Changing your email (issue 14, item 6): the signed-in person names a new address and gives their password; a link
/// goes to the new address, and only opening it (and pressing its button) changes the account. The old address is then
/// told, without anything the person wrote. Whether a new address already has an account is never said on the page:
/// that address gets the "you already have an account" email instead of a link.
/// </summary>
public sealed class EmailChange(CornerDbContext db, UserManager<Person> users, SignInManager<Person> signIn, AccountEmails emails,
    AuditLog audit)
{
    public async Task<IReadOnlyList<FieldError>> RequestAsync(Person person, string? newEmail, string? currentPassword, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (!AccountRules.TryNormalizeEmail(newEmail, out var address))
            errors.Add(new("NewEmail", "Email_Invalid"));
        else if (string.Equals(address, person.Email, StringComparison.OrdinalIgnoreCase))
            errors.Add(new("NewEmail", "EmailChange_Same"));
        if (string.IsNullOrEmpty(currentPassword) || currentPassword.Length > AccountRules.PasswordMaxLength
            || !await users.CheckPasswordAsync(person, currentPassword))
            errors.Add(new("CurrentPassword", "Password_CurrentWrong"));
        if (errors.Count > 0)
            return errors;

        if (await OwnerOfAsync(address, ct) is { } owner)
            await emails.SendAlreadyRegisteredAsync(owner, ct);
        else
            await emails.SendEmailChangeAsync(person, address, ct);
        audit.Record(AuditKinds.EmailChangeRequested, person.Id);
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>Performs the change from the emailed link. Ends every other session (a new security stamp); this browser
    /// stays signed in when it is the person's own.</summary>
    public async Task<EmailLinks.LinkOutcome> ConfirmAsync(string? userId, string? newEmail, string? code, Guid? signedInAs, CancellationToken ct)
    {
        if (!Guid.TryParse(userId, out var id) || !AccountRules.TryNormalizeEmail(newEmail, out var address)
            || AccountEmails.DecodeToken(code) is not { } token)
            return EmailLinks.LinkOutcome.InvalidLink;
        // Someone may have taken the address since the link was sent: the unique index must not turn that into a 500.
        if (await OwnerOfAsync(address, ct) is not null)
            return EmailLinks.LinkOutcome.InvalidLink;
        // The link names the person and its token is checked next. Read only their row.
        await db.ActAsAsync(id, ct);
        if (await users.FindByIdAsync(id.ToString()) is not { } person)
            return EmailLinks.LinkOutcome.InvalidLink;
        var old = person.Email;
        IdentityResult result;
        try
        {
            result = await users.ChangeEmailAsync(person, address, token);
        }
        catch (DbUpdateException)
        {
            return EmailLinks.LinkOutcome.InvalidLink;
        }
        if (!result.Succeeded)
            return EmailLinks.LinkOutcome.InvalidLink;
        audit.Record(AuditKinds.EmailChanged, person.Id);
        await db.SaveChangesAsync(ct);
        if (old is not null)
            await emails.SendEmailChangedNoticeAsync(old, address, ct);
        if (signedInAs == person.Id)
            await signIn.RefreshSignInAsync(person);
        return EmailLinks.LinkOutcome.Done;
    }

    /// <summary>The account that already uses <paramref name="address"/>, looked up across everyone (system scope).</summary>
    private async Task<Person?> OwnerOfAsync(string address, CancellationToken ct)
    {
        await using var system = await db.SystemScopeAsync(ct);
        return await users.FindByEmailAsync(address);
    }
}
