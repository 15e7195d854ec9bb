using System.Net;
using System.Security.Cryptography;
using AngleSharp.Html.Dom;
using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Features.Accounts;

/// <summary>The steps a person takes through the account pages, as a browser would take them.</summary>
internal static class AccountSteps
{
    public static string NewEmail() => $"{Guid.NewGuid():N}@example.test";

    public static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email, string displayName = "Robin",
        string password = CornerAppFactory.DefaultPassword, string? returnUrl = null, string timeZone = "Europe/Paris") =>
        client.SubmitFormAsync("/account/register" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)),
            new Dictionary<string, string>
            {
                ["Input.Email"] = email,
                ["Input.DisplayName"] = displayName,
                ["Input.Password"] = password,
                ["Input.TimeZone"] = timeZone,
            });

    /// <summary>Opens the newest emailed link and presses its confirm button.</summary>
    public static async Task<HttpResponseMessage> ConfirmFromMailAsync(CornerAppFactory factory, HttpClient client, string email)
    {
        var link = Mailbox.LatestLink(factory, email);
        Assert.StartsWith("/account/confirm-email?", link, StringComparison.Ordinal);
        return await client.SubmitFormAsync(link, new Dictionary<string, string>());
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string? returnUrl = null) =>
        client.SubmitFormAsync("/account/sign-in" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)),
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>A brand-new account, registered and confirmed through the pages.</summary>
    public static async Task<string> RegisteredAndConfirmedAsync(CornerAppFactory factory, string password = CornerAppFactory.DefaultPassword)
    {
        var email = NewEmail();
        var client = factory.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await RegisterAsync(client, email, password: password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ConfirmFromMailAsync(factory, client, email)).StatusCode);
        return email;
    }

    /// <summary>True when this client gets the account page rather than a trip to sign-in.</summary>
    public static async Task<bool> IsSignedInAsync(HttpClient client)
    {
        var response = await client.GetAsync("/account");
        return response.StatusCode == HttpStatusCode.OK;
    }

    public static async Task<IHtmlDocument> ReadAsync(HttpResponseMessage response) =>
        Html.Parse(await response.Content.ReadAsStringAsync());

    public static string Location(HttpResponseMessage response) => response.Headers.Location?.OriginalString ?? "";

    public static Task<int> CountAuditAsync(CornerAppFactory factory, string kind, Guid? personId) =>
        factory.InScopeAsync(null, sp => sp.GetRequiredService<CornerDbContext>().AuditEvents
            .CountAsync(a => a.Kind == kind && a.PersonId == personId));

    public static Task<Person> FindPersonAsync(CornerAppFactory factory, string email) =>
        factory.InScopeAsync(null, sp => sp.GetRequiredService<CornerDbContext>().Users
            .AsNoTracking().SingleAsync(u => u.NormalizedEmail == email.ToUpperInvariant()));
}

/// <summary>RFC 6238 time-based codes (HMAC-SHA1, 30 seconds, 6 digits), as an authenticator app makes them.</summary>
internal static class Totp
{
    public static string Code(string base32Key, DateTimeOffset? at = null)
    {
        var key = Base32Decode(base32Key);
        var counter = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30;
        var message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian)
            Array.Reverse(message);
        var hash = HMACSHA1.HashData(key, message);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32Decode(string input)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = input.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return bytes.ToArray();
    }
}
