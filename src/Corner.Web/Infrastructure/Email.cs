using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Corner.Web.Infrastructure;

public sealed class EmailOptions
{
    public string From { get; set; } = "Corner <corner@localhost>";
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;

    /// <summary>Require TLS: STARTTLS, or TLS from the first byte on port 465.</summary>
    public bool SmtpUseTls { get; set; } = true;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }

    /// <summary>How long one connection, command or reply may take before the send fails (and its job retries).</summary>
    public TimeSpan SmtpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where messages go as .eml files when no SMTP host is set (development).</summary>
    public string PickupFolder { get; set; } = "";
}

/// <summary>
/// Sends email with MailKit: to an SMTP server when one is configured, otherwise as .eml files in a
/// local folder (the same MIME message). A refused recipient, a down server or a timeout throws, so the
/// job that sent it fails and retries with back-off rather than losing the message. Emails never carry
/// intimate content: a subject and a link, nothing someone wrote.
/// </summary>
public sealed class EmailSender(Microsoft.Extensions.Options.IOptions<EmailOptions> options, ILogger<EmailSender> logger)
{
    public async Task SendAsync(string to, string subject, string textBody, CancellationToken ct = default,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var settings = options.Value;
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = textBody };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            message.Headers.Add(name, value);

        if (string.IsNullOrEmpty(settings.SmtpHost))
            await WriteToPickupFolderAsync(message, settings.PickupFolder, ct);
        else
            await SendOverSmtpAsync(message, settings, ct);
        // The subject is fixed product wording, never a person's text; the address is not logged.
        logger.LogInformation("Sent email: {Subject}", subject);
    }

    private static async Task WriteToPickupFolderAsync(MimeMessage message, string folder, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");
        // Written under a temporary name first, so a reader never sees half a message.
        var partial = path + ".partial";
        await message.WriteToAsync(partial, ct);
        File.Move(partial, path);
    }

    private static async Task SendOverSmtpAsync(MimeMessage message, EmailOptions settings, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = (int)settings.SmtpTimeout.TotalMilliseconds };
        var security = !settings.SmtpUseTls ? SecureSocketOptions.None
            : settings.SmtpPort == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;
        await client.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, security, ct);
        if (!string.IsNullOrEmpty(settings.SmtpUser))
            await client.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}
