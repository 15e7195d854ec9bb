using Corner.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace Corner.Web.Features.Accounts;

/// <summary>
/// Creates an account and sends the confirmation email. Whether the address already has an
/// account never changes the answer: the owner of that address gets a note instead.
/// </summary>
public sealed class Registration(
    CornerDbContext db,
    UserManager<Person> users,
    IPasswordHasher<Person> hasher,
    AccountEmails emails,
    TimeProvider clock)
{
    /// <param name="Counsellor">An account that only reads what couples grant it (Features/Counsel).</param>
    public sealed record Command(string? Email, string? DisplayName, string? Password, string? TimeZone, string? ReturnUrl,
        bool Counsellor = false, string? PracticeName = null);

    public const int PracticeNameMaxLength = 120;

    /// <summary>Field errors, or none when the person should now check their email.</summary>
    public async Task<IReadOnlyList<FieldError>> RegisterAsync(Command command, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (!AccountRules.TryNormalizeEmail(command.Email, out var email))
            errors.Add(new("Email", "Email_Invalid"));
        if (AccountRules.DisplayNameError(command.DisplayName, out var displayName) is { } nameError)
            errors.Add(new("DisplayName", nameError));
        var timeZone = string.IsNullOrEmpty(command.TimeZone) ? AccountRules.DefaultTimeZone : command.TimeZone;
        if (!AccountRules.IsKnownTimeZone(timeZone))
            errors.Add(new("TimeZone", "TimeZone_Unknown"));
        if (AccountRules.PasswordLengthError(command.Password) is { } passwordError)
            errors.Add(new("Password", passwordError));
        var practice = command.Counsellor ? Infrastructure.FreeText.Normalize(command.PracticeName) : null;
        if (practice is not null && (practice.Length > PracticeNameMaxLength || practice.Any(char.IsControl)))
            errors.Add(new("PracticeName", practice.Length > PracticeNameMaxLength ? "PracticeName_TooLong" : "PracticeName_Invalid"));
        if (errors.Count > 0)
            return errors;

        var person = new Person
        {
            Id = Guid.NewGuid(),
            Email = email,
            DisplayName = displayName,
            TimeZone = timeZone,
            CreatedAt = clock.GetUtcNow(),
            Kind = command.Counsellor ? PersonKinds.Counsellor : PersonKinds.Person,
            PracticeName = practice,
        };
        // The user name is never shown or typed; the id keeps it unique without limiting which addresses work.
        person.UserName = person.Id.ToString("N");

        // Password quality is judged before looking the address up, so the answer cannot depend on it.
        errors.AddRange(await PasswordErrorsAsync(users, person, command.Password!));
        if (errors.Count > 0)
            return errors;

        // Nobody is signed in and the address may belong to anyone: look it up with system scope.
        await using var system = await db.SystemScopeAsync(ct);
        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            // Spend the same effort as a real registration so timing does not give the account away.
            _ = hasher.HashPassword(person, command.Password!);
            if (existing.EmailConfirmed)
                await emails.SendAlreadyRegisteredAsync(existing, ct);
            else
                await emails.SendConfirmationAsync(existing, command.ReturnUrl, ct);
            return [];
        }

        var result = await users.CreateAsync(person, command.Password!);
        if (!result.Succeeded)
            return result.Errors.Select(e => new FieldError(FieldFor(e.Code), MessageKeyFor(e.Code))).Distinct().ToList();
        await emails.SendConfirmationAsync(person, command.ReturnUrl, ct);
        return [];
    }

    /// <summary>Runs Identity's password validators (length and the common-password list) for <paramref name="person"/>.</summary>
    public static async Task<List<FieldError>> PasswordErrorsAsync(UserManager<Person> users, Person person, string password, string field = "Password")
    {
        var errors = new List<FieldError>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, person, password);
            errors.AddRange(result.Errors.Select(e => new FieldError(field, MessageKeyFor(e.Code))));
        }
        return errors.Distinct().ToList();
    }

    internal static string MessageKeyFor(string identityCode) => identityCode switch
    {
        "CommonPassword" => "Password_Common",
        "PasswordControlCharacters" => "Password_ControlCharacters",
        "PasswordTooShort" => "Password_TooShort",
        "DuplicateEmail" or "DuplicateUserName" => "Email_Invalid",
        "InvalidEmail" => "Email_Invalid",
        _ when identityCode.StartsWith("Password", StringComparison.Ordinal) => "Password_NotAccepted",
        _ => "Register_Failed",
    };

    private static string FieldFor(string identityCode) =>
        identityCode.StartsWith("Password", StringComparison.Ordinal) || identityCode == "CommonPassword" ? "Password"
        : identityCode.Contains("Email", StringComparison.Ordinal) ? "Email"
        : "";
}
