using System.Text;
using Corner.Web.Data;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Corner.Web.Features.Accounts;

/// <summary>
/// The account emails: a subject and a link, never anything a person wrote. Links point at
/// <see cref="CornerOptions.PublicUrl"/> when it is set, otherwise at the address of this request.
/// </summary>
public sealed class AccountEmails(
    EmailSender sender,
    UserManager<Person> users,
    IOptions<CornerOptions> options,
    IHttpContextAccessor http,
    IStringLocalizer<AccountsText> text)
{
    public async Task SendConfirmationAsync(Person person, string? returnUrl, CancellationToken ct)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(person);
        var link = Link("/account/confirm-email", person.Id, token, AccountRules.LocalReturnUrl(returnUrl));
        await sender.SendAsync(person.Email!, text["Email_Confirm_Subject"], text["Email_Confirm_Body", link], ct);
    }

    /// <summary>Sent when someone registers with an address that already has a confirmed account.</summary>
    public async Task SendAlreadyRegisteredAsync(Person person, CancellationToken ct) =>
        await sender.SendAsync(person.Email!, text["Email_AlreadyRegistered_Subject"],
            text["Email_AlreadyRegistered_Body", BaseUrl() + "/account/sign-in", BaseUrl() + "/account/forgot-password"], ct);

    public async Task SendPasswordResetAsync(Person person, CancellationToken ct)
    {
        var token = await users.GeneratePasswordResetTokenAsync(person);
        var link = Link("/account/reset-password", person.Id, token, returnUrl: null);
        await sender.SendAsync(person.Email!, text["Email_Reset_Subject"], text["Email_Reset_Body", link], ct);
    }

    /// <summary>The link that confirms <paramref name="newEmail"/> as the person's address, sent to that address.</summary>
    public async Task SendEmailChangeAsync(Person person, string newEmail, CancellationToken ct)
    {
        var token = await users.GenerateChangeEmailTokenAsync(person, newEmail);
        var link = Link("/account/confirm-email-change", person.Id, token, returnUrl: null, newEmail);
        await sender.SendAsync(newEmail, text["Email_ChangeEmail_Subject"], text["Email_ChangeEmail_Body", link], ct);
    }

    /// <summary>Tells the old address that the account now uses another one (shown half hidden).</summary>
    public async Task SendEmailChangedNoticeAsync(string oldEmail, string newEmail, CancellationToken ct) =>
        await sender.SendAsync(oldEmail, text["Email_EmailChanged_Subject"],
            text["Email_EmailChanged_Body", AccountRules.HalfHidden(newEmail), BaseUrl() + "/account/forgot-password"], ct);

    /// <summary>Identity tokens travel base64url-encoded, as the <c>code</c> query parameter.</summary>
    public static string EncodeToken(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>The token inside a <c>code</c> parameter, or null when it is not one we could have sent.</summary>
    public static string? DecodeToken(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 4096)
            return null;
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private string Link(string path, Guid personId, string token, string? returnUrl, string? email = null)
    {
        var query = new Dictionary<string, string?> { ["userId"] = personId.ToString() };
        if (email is not null)
            query["email"] = email;
        query["code"] = EncodeToken(token);
        if (returnUrl is not null)
            query["returnUrl"] = returnUrl;
        return QueryHelpers.AddQueryString(BaseUrl() + path, query);
    }

    private string BaseUrl() => options.Value.BaseUrl(http.HttpContext?.Request);
}
