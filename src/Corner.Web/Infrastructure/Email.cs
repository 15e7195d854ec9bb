using System.Net;
using System.Net.Mail;

namespace Corner.Web.Infrastructure;

public sealed class EmailOptions
{
    public string From { get; set; } = "Corner <corner@localhost>";
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public bool SmtpUseTls { get; set; } = true;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }

    /// <summary>Where messages go as .eml files when no SMTP host is set (development).</summary>
    public string PickupFolder { get; set; } = "";
}

/// <summary>
/// Sends email through System.Net.Mail: to an SMTP server when one is configured, otherwise as
/// .eml files in a local folder (the same message, written by the same client). Emails never
/// carry intimate content: a subject and a link, nothing someone wrote.
/// </summary>
public sealed class EmailSender(Microsoft.Extensions.Options.IOptions<EmailOptions> options, ILogger<EmailSender> logger)
{
    public async Task SendAsync(string to, string subject, string textBody, CancellationToken ct = default,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var settings = options.Value;
        using var message = new MailMessage { From = new MailAddress(settings.From), Subject = subject, Body = textBody, IsBodyHtml = false };
        message.To.Add(new MailAddress(to));
        message.BodyEncoding = System.Text.Encoding.UTF8;
        message.SubjectEncoding = System.Text.Encoding.UTF8;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            message.Headers.Add(name, value);

        using var client = new SmtpClient();
        if (string.IsNullOrEmpty(settings.SmtpHost))
        {
            Directory.CreateDirectory(settings.PickupFolder);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = settings.PickupFolder;
        }
        else
        {
            client.Host = settings.SmtpHost;
            client.Port = settings.SmtpPort;
            client.EnableSsl = settings.SmtpUseTls;
            if (!string.IsNullOrEmpty(settings.SmtpUser))
                client.Credentials = new NetworkCredential(settings.SmtpUser, settings.SmtpPassword);
        }
        await client.SendMailAsync(message, ct);
        // The subject is fixed product wording, never a person's text; the address is not logged.
        logger.LogInformation("Sent email: {Subject}", subject);
    }
}
