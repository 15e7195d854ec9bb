using System.Security.Claims;
using Corner.Web.Data;
using Corner.Web.Security;
using Microsoft.AspNetCore.Identity;

namespace Corner.Web.Features.Accounts;

/// <summary>The signed-in person's own settings: name, time zone, password, sessions.</summary>
public sealed class AccountSettings(
    CornerDbContext db,
    Corner.Web.Features.Push.PushSubscriptions pushSubscriptions,
    UserManager<Person> users,
    SignInManager<Person> signInManager,
    Sessions sessions,
    AuditLog audit)
{
    /// <summary>The signed-in person (row-level security only shows their own row anyway).</summary>
    public Task<Person?> CurrentAsync(ClaimsPrincipal user) => users.GetUserAsync(user);

    public async Task<IReadOnlyList<FieldError>> UpdateProfileAsync(Person person, string? displayName, string? timeZone, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (AccountRules.DisplayNameError(displayName, out var name) is { } nameError)
            errors.Add(new("DisplayName", nameError));
        if (!AccountRules.IsKnownTimeZone(timeZone))
            errors.Add(new("TimeZone", "TimeZone_Unknown"));
        if (errors.Count > 0)
            return errors;
        person.DisplayName = name;
        person.TimeZone = timeZone!;
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>Saves the person's colours and refreshes this browser's cookie so the next page uses them.</summary>
    public async Task<bool> UpdateThemeAsync(Person person, string? theme, CancellationToken ct)
    {
        if (!Theme.IsKnown(theme))
            return false;
        person.Theme = theme!;
        await db.SaveChangesAsync(ct);
        await signInManager.RefreshSignInAsync(person);
        return true;
    }

    public async Task<IReadOnlyList<FieldError>> ChangePasswordAsync(Person person, string? currentPassword, string? newPassword, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(currentPassword) || currentPassword.Length > AccountRules.PasswordMaxLength
            || !await users.CheckPasswordAsync(person, currentPassword))
            return [new FieldError("CurrentPassword", "Password_CurrentWrong")];
        if (AccountRules.PasswordLengthError(newPassword) is { } lengthError)
            return [new FieldError("NewPassword", lengthError)];
        var quality = await Registration.PasswordErrorsAsync(users, person, newPassword!, "NewPassword");
        if (quality.Count > 0)
            return quality;
        var result = await users.ChangePasswordAsync(person, currentPassword, newPassword!);
        if (!result.Succeeded)
            return result.Errors.Select(e => new FieldError("NewPassword", Registration.MessageKeyFor(e.Code))).Distinct().ToList();
        // The new security stamp ends other sessions; this browser gets a fresh cookie and stays in.
        await signInManager.RefreshSignInAsync(person);
        audit.Record(AuditKinds.PasswordChanged, person.Id);
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>Ends every session (they are checked against the security stamp) and signs this browser out.</summary>
    public async Task SignOutEverywhereAsync(Person person, CancellationToken ct)
    {
        await users.UpdateSecurityStampAsync(person);
        // No device keeps getting nudges once every session has ended.
        await pushSubscriptions.RemoveAllAsync(person.Id, ct);
        await sessions.EndAllAsync(person.Id, ct);
        audit.Record(AuditKinds.SignedOutEverywhere, person.Id);
        await db.SaveChangesAsync(ct);
        await signInManager.SignOutAsync();
        await signInManager.ForgetTwoFactorClientAsync();
    }
}
