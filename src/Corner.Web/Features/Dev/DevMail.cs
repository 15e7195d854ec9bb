using Corner.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Corner.Web.Features.Dev;

/// <summary>Development only: lists the .eml files written instead of sending mail, so a newcomer
/// can confirm an address without an SMTP server.</summary>
public static class DevMail
{
    public sealed record MailSummary(string File, DateTime WrittenAt, string To, string Subject, string Body);

    public static IReadOnlyList<MailSummary> Read(string folder, int max = 50)
    {
        if (!Directory.Exists(folder))
            return [];
        return new DirectoryInfo(folder).GetFiles("*.eml")
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .Take(max)
            .Select(f => Parse(f))
            .ToList();
    }

    private static MailSummary Parse(FileInfo file)
    {
        using var message = MimeKit.MimeMessage.Load(file.FullName);
        return new MailSummary(file.Name, file.LastWriteTimeUtc, message.To.ToString(), message.Subject ?? "", message.TextBody ?? "");
    }

    /// <summary>Decodes RFC 2047 words (=?utf-8?B?...?=) that System.Net.Mail uses for non-ASCII subjects.</summary>
    public static string DecodeEncodedWords(string header) =>
        System.Text.RegularExpressions.Regex.Replace(header, @"=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*", m =>
        {
            var encoding = System.Text.Encoding.GetEncoding(m.Groups[1].Value);
            return m.Groups[2].Value is "B" or "b"
                ? encoding.GetString(Convert.FromBase64String(m.Groups[3].Value))
                : DecodeQuotedPrintable(m.Groups[3].Value.Replace('_', ' '));
        });

    public static string DecodeQuotedPrintable(string input)
    {
        var bytes = new List<byte>();
        var softBreaksRemoved = input.Replace("=\r\n", "", StringComparison.Ordinal);
        for (var i = 0; i < softBreaksRemoved.Length; i++)
        {
            if (softBreaksRemoved[i] == '=' && i + 2 < softBreaksRemoved.Length
                && Uri.IsHexDigit(softBreaksRemoved[i + 1]) && Uri.IsHexDigit(softBreaksRemoved[i + 2]))
            {
                bytes.Add(Convert.ToByte(softBreaksRemoved.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
                bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(softBreaksRemoved[i].ToString()));
        }
        return System.Text.Encoding.UTF8.GetString(bytes.ToArray());
    }

    public static void MapDevMail(this IEndpointRouteBuilder app)
    {
        // The page lives at /dev/mail (Features/Dev/Mail.cshtml); this is its JSON twin for scripts.
        app.MapGet("/dev/mail.json", (IOptions<EmailOptions> options) => Read(options.Value.PickupFolder))
            .AllowAnonymous().ExcludeFromDescription();
    }
}
