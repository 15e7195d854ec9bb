using System.Text;
using Corner.Web.Data;
using Corner.Web.Security;
using Microsoft.AspNetCore.Identity;

namespace Corner.Web.Features.Accounts;

/// <summary>Turning authenticator-app (TOTP) codes on and off, and the recovery codes that go with them.</summary>
public sealed class TwoFactorSetup(
    CornerDbContext db,
    UserManager<Person> users,
    SignInManager<Person> signInManager,
    AuditLog audit)
{
    public const int RecoveryCodeCount = 10;

    public sealed record Status(bool Enabled, string? SharedKey, string? AuthenticatorUri, int RecoveryCodesLeft);

    public async Task<Status> StatusAsync(Person person)
    {
        if (await users.GetTwoFactorEnabledAsync(person))
            return new Status(true, null, null, await users.CountRecoveryCodesAsync(person));
        var key = await users.GetAuthenticatorKeyAsync(person);
        return string.IsNullOrEmpty(key)
            ? new Status(false, null, null, 0)
            : new Status(false, GroupInFours(key), AuthenticatorUri(person.Email ?? "", key), 0);
    }

    /// <summary>Makes a new shared key for the person to add to their authenticator app.</summary>
    public async Task StartAsync(Person person)
    {
        // While two-factor is on, a new key would silently break the app the person relies on.
        if (await users.GetTwoFactorEnabledAsync(person))
            return;
        await users.ResetAuthenticatorKeyAsync(person);
        // A new key changes the security stamp: keep this browser signed in.
        await signInManager.RefreshSignInAsync(person);
    }

    /// <summary>Checks a code from the app and turns two-factor on; returns the recovery codes, or null for a wrong code.</summary>
    public async Task<IReadOnlyList<string>?> EnableAsync(Person person, string? code, CancellationToken ct)
    {
        var cleaned = AccountSignIn.CleanCode(code);
        if (await users.GetTwoFactorEnabledAsync(person) || string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(person)) || cleaned.Length is 0 or > 10
            || !await users.VerifyTwoFactorTokenAsync(person, users.Options.Tokens.AuthenticatorTokenProvider, cleaned))
            return null;
        await users.SetTwoFactorEnabledAsync(person, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(person, RecoveryCodeCount))?.ToList() ?? [];
        await signInManager.RefreshSignInAsync(person);
        audit.Record(AuditKinds.TwoFactorEnabled, person.Id);
        audit.Record(AuditKinds.RecoveryCodesGenerated, person.Id);
        await db.SaveChangesAsync(ct);
        return codes;
    }

    public async Task<IReadOnlyList<string>?> RegenerateRecoveryCodesAsync(Person person, CancellationToken ct)
    {
        if (!await users.GetTwoFactorEnabledAsync(person))
            return null;
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(person, RecoveryCodeCount))?.ToList() ?? [];
        audit.Record(AuditKinds.RecoveryCodesGenerated, person.Id);
        await db.SaveChangesAsync(ct);
        return codes;
    }

    /// <summary>Turns two-factor off after checking the password; false when the password is wrong.</summary>
    public async Task<bool> DisableAsync(Person person, string? password, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(password) || password.Length > AccountRules.PasswordMaxLength
            || !await users.CheckPasswordAsync(person, password))
            return false;
        await users.SetTwoFactorEnabledAsync(person, false);
        // A fresh key means an old authenticator entry can never switch it back on silently.
        await users.ResetAuthenticatorKeyAsync(person);
        await signInManager.ForgetTwoFactorClientAsync();
        await signInManager.RefreshSignInAsync(person);
        audit.Record(AuditKinds.TwoFactorDisabled, person.Id);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public static string GroupInFours(string key)
    {
        var result = new StringBuilder(key.Length + key.Length / 4);
        for (var i = 0; i < key.Length; i++)
        {
            if (i > 0 && i % 4 == 0)
                result.Append(' ');
            result.Append(char.ToLowerInvariant(key[i]));
        }
        return result.ToString();
    }

    public static string AuthenticatorUri(string email, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString("Corner")}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString("Corner")}&digits=6";
}
