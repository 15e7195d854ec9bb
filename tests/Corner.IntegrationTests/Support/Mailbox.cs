using System.Text.RegularExpressions;
using Corner.Web.Features.Dev;

namespace Corner.IntegrationTests.Support;

/// <summary>Reads the .eml files Corner wrote to the factory's pickup folder.</summary>
public static partial class Mailbox
{
    public static IReadOnlyList<DevMail.MailSummary> For(CornerAppFactory factory, string email) =>
        DevMail.Read(factory.MailFolder, 500).Where(m => m.To.Contains(email, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>The first https://localhost link in the newest message to <paramref name="email"/>, as a relative URL.</summary>
    public static string LatestLink(CornerAppFactory factory, string email)
    {
        var message = For(factory, email).FirstOrDefault()
            ?? throw new InvalidOperationException($"No mail for {email}");
        var match = LinkPattern().Match(message.Body);
        if (!match.Success)
            throw new InvalidOperationException($"No link in the mail '{message.Subject}'");
        var uri = new Uri(match.Value);
        return uri.PathAndQuery;
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex LinkPattern();
}
