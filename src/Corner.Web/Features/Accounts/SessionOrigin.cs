using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Corner.Web.Features.Accounts;

/// <summary>
/// What Corner keeps about where a session came from: just enough for a person to recognise their own device
/// in the privacy centre. The browser's and platform's names (never the whole user agent, which can single a
/// device out) and the network the request came from, cut to its first part (never the whole address).
/// </summary>
public sealed partial record SessionOrigin(string? Browser, string? Platform, string? Network)
{
    public static SessionOrigin From(HttpContext http)
    {
        var userAgent = http.Request.Headers.UserAgent.ToString();
        return new(BrowserName(userAgent), PlatformName(userAgent), NetworkOf(http.Connection.RemoteIpAddress));
    }

    // Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chromium/", "Chromium"),
        ("Chrome/", "Chrome"), ("CriOS/", "Chrome"), ("FxiOS/", "Firefox"), ("Safari/", "Safari"),
    ];

    private static readonly (string Token, string Name)[] Platforms =
    [
        ("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("CrOS", "ChromeOS"),
        ("Windows", "Windows"), ("Mac OS X", "Mac"), ("Linux", "Linux"),
    ];

    /// <summary>A browser's name; for anything else (an app or script using the API), its product name when it
    /// is a plain word ("curl", "python-requests"), else null.</summary>
    public static string? BrowserName(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
            return null;
        if (userAgent.StartsWith("Mozilla/", StringComparison.Ordinal))
            return Browsers.FirstOrDefault(b => userAgent.Contains(b.Token, StringComparison.Ordinal)).Name;
        var product = ProductToken().Match(userAgent);
        return product.Success ? product.Groups[1].Value : null;
    }

    public static string? PlatformName(string? userAgent) =>
        string.IsNullOrWhiteSpace(userAgent) ? null
            : Platforms.FirstOrDefault(p => userAgent.Contains(p.Token, StringComparison.Ordinal)).Name;

    /// <summary>The address's network: the first three parts of an IPv4 address ("203.0.113.x"), the first three
    /// groups of an IPv6 one ("2001:db8:1::/48"). Null when there is no address.</summary>
    public static string? NetworkOf(IPAddress? address)
    {
        if (address is null)
            return null;
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return $"{bytes[0]}.{bytes[1]}.{bytes[2]}.x";
        var prefix = new byte[16];
        Array.Copy(bytes, prefix, 6);
        return new IPAddress(prefix) + "/48";
    }

    /// <summary>Where a stored network is, in the few words the privacy centre uses: the machine Corner runs on, a
    /// private network (a home or office behind a router), or somewhere on the internet.</summary>
    public static NetworkKind KindOf(string network)
    {
        if (network.StartsWith("127.", StringComparison.Ordinal) || network == "::/48")
            return NetworkKind.ThisComputer;
        var parts = network.Split('.');
        return parts is ["10", ..] or ["192", "168", ..] || (parts is ["172", var second, ..] && int.TryParse(second, out var b) && b is >= 16 and <= 31)
            || network.StartsWith("fd", StringComparison.OrdinalIgnoreCase) || network.StartsWith("fc", StringComparison.OrdinalIgnoreCase)
            ? NetworkKind.Local
            : NetworkKind.Internet;
    }

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9._-]{0,39})(?:/|\s|$)", RegexOptions.CultureInvariant, 100)]
    private static partial Regex ProductToken();
}

public enum NetworkKind
{
    ThisComputer,
    Local,
    Internet,
}
