using Corner.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace Corner.Web.Security;

/// <summary>
/// Refuses passwords that are easy to guess: those on a bundled list of common passwords, a single
/// repeated character, a plain run of digits, or the person's own email or name; and passwords holding
/// invisible control characters. No composition rules.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<Person>
{
    private static readonly Lazy<HashSet<string>> Common = new(LoadList);

    public Task<IdentityResult> ValidateAsync(UserManager<Person> manager, Person user, string? password)
    {
        if (string.IsNullOrEmpty(password))
            return Task.FromResult(IdentityResult.Success);
        // Invisible characters (a pasted NUL, a tab, a line break) would make a password nobody can type again.
        if (HasControlCharacters(password))
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordControlCharacters", Description = "PasswordControlCharacters" }));
        return Task.FromResult(IsEasyToGuess(password, user)
            ? IdentityResult.Failed(new IdentityError { Code = "CommonPassword", Description = "CommonPassword" })
            : IdentityResult.Success);
    }

    internal static bool HasControlCharacters(string password) => password.Any(char.IsControl);

    internal static bool IsEasyToGuess(string password, Person? user = null)
    {
        var lowered = password.Trim().ToLowerInvariant();
        if (Common.Value.Contains(lowered)) return true;
        if (lowered.Distinct().Count() <= 2) return true;
        if (lowered.All(char.IsAsciiDigit)) return true;
        if (user?.Email is { Length: > 0 } email &&
            (lowered == email.ToLowerInvariant() || lowered == email.Split('@')[0].ToLowerInvariant()))
            return true;
        return user?.DisplayName is { Length: > 0 } name && lowered == name.ToLowerInvariant();
    }

    private static HashSet<string> LoadList()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly
            .GetManifestResourceStream("Corner.Web.Security.common-passwords.txt")!;
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && !line.StartsWith('#'))
                set.Add(line.Trim().ToLowerInvariant());
        return set;
    }
}
