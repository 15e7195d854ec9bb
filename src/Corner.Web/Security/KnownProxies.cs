using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Corner.Web.Security;

/// <summary>
/// Behind nginx every request arrives from the proxy's address over plain HTTP. Corner believes the
/// proxy's <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> only when the request really comes from a
/// configured proxy (<c>Corner:KnownProxies</c>: addresses or CIDR ranges, comma separated; loopback by
/// default, for nginx on the same host; <c>none</c> trusts nobody). Anyone else's forwarded headers are
/// ignored, so a visitor from the open internet can neither pick their own rate-limit bucket nor pretend
/// to be on TLS. The Host header is nginx's to pass through unchanged; emailed links use
/// <c>Corner:PublicUrl</c> when set.
/// </summary>
public static class KnownProxies
{
    public const string Section = "Corner:KnownProxies";

    public static void AddKnownProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var configured = Read(configuration);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Walk the chain from the nearest hop and stop at the first address that is not a known proxy,
            // so whatever a client wrote into X-Forwarded-For itself is never believed.
            o.ForwardLimit = null;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var network in configured)
                o.KnownIPNetworks.Add(network);
        });
    }

    /// <summary>The trusted proxy ranges from configuration; loopback when nothing is configured.</summary>
    public static IReadOnlyList<System.Net.IPNetwork> Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var entries = section.GetChildren().Select(c => c.Value ?? "").ToList();
        if (entries.Count == 0 && section.Value is { } value)
            entries = [.. value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
        if (entries.Count == 0)
            return [new(IPAddress.Loopback, 8), new(IPAddress.IPv6Loopback, 128)];
        if (entries is ["none"])
            return [];
        return entries.Select(Parse).ToList();
    }

    private static System.Net.IPNetwork Parse(string entry)
    {
        if (System.Net.IPNetwork.TryParse(entry, out var network))
            return network;
        if (IPAddress.TryParse(entry, out var address))
            return new(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        throw new InvalidOperationException($"{Section}: '{entry}' is neither an address nor a CIDR range (e.g. 10.0.0.5 or 10.0.0.0/24).");
    }

    /// <summary>Applies the forwarded headers of known proxies; first in the pipeline, so everything after sees the real client.</summary>
    public static void UseKnownProxies(this IApplicationBuilder app)
    {
        var forwarded = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ForwardedHeadersOptions>>().Value;
        // In-process test hosts have no peer address at all: nothing to check, nothing to forward.
        app.UseWhen(context => context.Connection.RemoteIpAddress is not null, branch => branch.UseForwardedHeaders(forwarded));
    }
}
