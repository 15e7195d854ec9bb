using Corner.Web.Infrastructure;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Corner.Web.Features.Counsel;

/// <summary>The one email of the outside view: a counsellor's link. It names no one and says nothing of the space.</summary>
public sealed class CounselEmails(EmailSender sender, IOptions<CornerOptions> options, IHttpContextAccessor http, IStringLocalizer<CounselText> text)
{
    public static string TakePath(string token) => "/counsellor/take/" + token;

    public string Link(string token) => options.Value.BaseUrl(http.HttpContext?.Request) + TakePath(token);

    public Task SendInvitationAsync(string email, string token, DateTimeOffset expiresAt, CancellationToken ct) =>
        sender.SendAsync(email, text["Email_Invitation_Subject"],
            text["Email_Invitation_Body", Link(token), expiresAt.UtcDateTime.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture),
                options.Value.BaseUrl(http.HttpContext?.Request) + "/account/register?as=counsellor"], ct);
}
