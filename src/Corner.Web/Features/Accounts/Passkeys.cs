using System.Text.Json;
using Corner.Web.Data;
using Corner.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Corner.Web.Features.Accounts;

/// <summary>
/// Passkeys through ASP.NET Core Identity's WebAuthn support: adding one to an account, listing,
/// renaming and removing them, and signing in with one. The browser side is wwwroot/js/passkeys.js.
/// </summary>
public sealed class Passkeys(
    CornerDbContext db,
    UserManager<Person> users,
    SignInManager<Person> signInManager,
    AccountSignIn accountSignIn,
    AuditLog audit,
    TimeProvider clock)
{
    public const int NameMaxLength = 60;
    public const int CredentialMaxLength = 64 * 1024;

    public sealed record Summary(string Id, string Name, DateTimeOffset CreatedAt);

    public async Task<IReadOnlyList<Summary>> ListAsync(Person person) =>
        (await users.GetPasskeysAsync(person))
            .OrderBy(p => p.CreatedAt)
            .Select(p => new Summary(WebEncoders.Base64UrlEncode(p.CredentialId), p.Name ?? "", p.CreatedAt))
            .ToList();

    /// <summary>The JSON for <c>navigator.credentials.create()</c>; the challenge is kept in an encrypted cookie.</summary>
    public Task<string> CreationOptionsAsync(Person person) =>
        signInManager.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = person.Id.ToString(),
            Name = person.Email ?? person.Id.ToString(),
            DisplayName = person.DisplayName,
        });

    /// <summary>Checks what the browser made and stores the passkey; null on success, else a message key.</summary>
    public async Task<string?> AddAsync(Person person, string? credentialJson, string? name, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(credentialJson) || credentialJson.Length > CredentialMaxLength)
            return "Passkey_NotCreated";
        var label = CleanName(name) ?? "Passkey " + clock.GetUtcNow().ToString("yyyy-MM-dd");
        PasskeyAttestationResult result;
        try
        {
            result = await signInManager.PerformPasskeyAttestationAsync(credentialJson);
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException or FormatException or ArgumentException)
        {
            // No ceremony was started in this browser, or the JSON is not a credential at all.
            return "Passkey_NotCreated";
        }
        if (!result.Succeeded || result.UserEntity.Id != person.Id.ToString())
            return "Passkey_NotCreated";
        result.Passkey.Name = label;
        var stored = await users.AddOrUpdatePasskeyAsync(person, result.Passkey);
        if (!stored.Succeeded)
            return "Passkey_NotCreated";
        audit.Record(AuditKinds.PasskeyAdded, person.Id);
        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task<bool> RenameAsync(Person person, string? id, string? name, CancellationToken ct)
    {
        if (DecodeId(id) is not { } credentialId || CleanName(name) is not { } label
            || await users.GetPasskeyAsync(person, credentialId) is not { } passkey)
            return false;
        passkey.Name = label;
        var result = await users.AddOrUpdatePasskeyAsync(person, passkey);
        await db.SaveChangesAsync(ct);
        return result.Succeeded;
    }

    public async Task<bool> RemoveAsync(Person person, string? id, CancellationToken ct)
    {
        if (DecodeId(id) is not { } credentialId || await users.GetPasskeyAsync(person, credentialId) is null)
            return false;
        var result = await users.RemovePasskeyAsync(person, credentialId);
        if (!result.Succeeded)
            return false;
        await signInManager.RefreshSignInAsync(person);
        audit.Record(AuditKinds.PasskeyRemoved, person.Id);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The JSON for <c>navigator.credentials.get()</c> on the sign-in page (any of the person's passkeys).</summary>
    public Task<string> RequestOptionsAsync() => signInManager.MakePasskeyRequestOptionsAsync(null);

    public async Task<SignInOutcome> SignInAsync(string? credentialJson, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(credentialJson) || credentialJson.Length > CredentialMaxLength)
            return SignInOutcome.Failed;
        // Nobody is signed in and the passkey names its owner only once it checks out: system scope.
        await using var system = await db.SystemScopeAsync(ct);
        SignInOutcome outcome;
        Guid? personId = null;
        try
        {
            var result = await signInManager.PasskeySignInAsync(credentialJson);
            outcome = AccountSignIn.Map(result);
            if (outcome == SignInOutcome.Succeeded && signInManager.Context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } id)
                personId = Guid.Parse(id);
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException or FormatException or ArgumentException)
        {
            outcome = SignInOutcome.Failed;
        }
        accountSignIn.Record(outcome, personId);
        await db.SaveChangesAsync(ct);
        return outcome;
    }

    private static string? CleanName(string? name)
    {
        var trimmed = name?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > NameMaxLength || AccountRules.HasUnsafeCharacters(trimmed) ? null : trimmed;
    }

    private static byte[]? DecodeId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 1024)
            return null;
        try
        {
            return WebEncoders.Base64UrlDecode(id);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
