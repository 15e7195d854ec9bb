using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Corner.IntegrationTests.Features.Push;

/// <summary>
/// The push service's side of RFC 8030 on loopback, and a browser's side of RFC 8291: it accepts a push
/// message POSTed to a subscription's endpoint only with a TTL and a valid VAPID (RFC 8292) Authorization
/// header, and decrypts the aes128gcm body with the device's private key and auth secret, using nothing but
/// .NET's ECDiffieHellman, HKDF and AesGcm. What it decrypted is kept for the test to read.
/// </summary>
public sealed class LocalPushService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Device> _devices = new();

    public sealed record Delivery(string DeviceId, string Plaintext, int TimeToLive, string VapidPublicKey, JsonElement VapidClaims);

    /// <summary>A browser's push subscription: the endpoint, its ECDH key pair and its auth secret.</summary>
    public sealed class Device(string id, string endpoint) : IDisposable
    {
        public string Id { get; } = id;
        public string Endpoint { get; } = endpoint;
        public ECDiffieHellman Key { get; } = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        public byte[] AuthSecret { get; } = RandomNumberGenerator.GetBytes(16);
        /// <summary>The status the service answers for this device: 201, or 410 once the browser unsubscribed.</summary>
        public HttpStatusCode Answer { get; set; } = HttpStatusCode.Created;

        public byte[] PublicKey
        {
            get
            {
                var q = Key.ExportParameters(false).Q;
                return [0x04, .. q.X!, .. q.Y!];
            }
        }

        public string P256dh => WebEncoders.Base64UrlEncode(PublicKey);
        public string Auth => WebEncoders.Base64UrlEncode(AuthSecret);

        public void Dispose() => Key.Dispose();
    }

    public ConcurrentQueue<Delivery> Deliveries { get; } = new();

    /// <summary>Requests refused, with why (no TTL, bad VAPID, undecryptable), for failure messages.</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();

    private LocalPushService(WebApplication app) => _app = app;

    public string Origin { get; private set; } = "";

    public static async Task<LocalPushService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var service = new LocalPushService(app);
        app.MapPost("/push/{id}", service.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        service.Origin = address.TrimEnd('/');
        return service;
    }

    public Device NewDevice()
    {
        var id = Guid.NewGuid().ToString("N");
        var device = new Device(id, $"{Origin}/push/{id}");
        _devices[id] = device;
        return device;
    }

    private async Task<IResult> ReceiveAsync(string id, HttpContext http)
    {
        if (!_devices.TryGetValue(id, out var device))
            return Refuse(HttpStatusCode.NotFound, "unknown endpoint");
        if (!int.TryParse(http.Request.Headers["TTL"], out var ttl) || ttl < 0)
            return Refuse(HttpStatusCode.BadRequest, "no TTL header (RFC 8030 §5.2)");
        if (http.Request.Headers.ContentEncoding != "aes128gcm")
            return Refuse(HttpStatusCode.BadRequest, $"Content-Encoding is '{http.Request.Headers.ContentEncoding}', not aes128gcm");
        if (VerifyVapid(http.Request.Headers.Authorization.ToString()) is not { } vapid)
            return Refuse(HttpStatusCode.Unauthorized, "VAPID Authorization missing or invalid (RFC 8292): " + http.Request.Headers.Authorization);
        if (device.Answer != HttpStatusCode.Created)
            return Results.StatusCode((int)device.Answer);

        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        string plaintext;
        try
        {
            plaintext = Encoding.UTF8.GetString(Decrypt(body.ToArray(), device));
        }
        catch (CryptographicException e)
        {
            return Refuse(HttpStatusCode.BadRequest, "could not decrypt: " + e.Message);
        }
        Deliveries.Enqueue(new Delivery(id, plaintext, ttl, vapid.PublicKey, vapid.Claims));
        return Results.Created($"/message/{Guid.NewGuid():N}", null);
    }

    private IResult Refuse(HttpStatusCode status, string why)
    {
        Refusals.Enqueue(why);
        return Results.StatusCode((int)status);
    }

    /// <summary>"vapid t=JWT, k=KEY": an ES256 JWT signed by KEY, for this origin, not expired, with a subject.</summary>
    private (string PublicKey, JsonElement Claims)? VerifyVapid(string header)
    {
        if (!header.StartsWith("vapid ", StringComparison.Ordinal))
            return null;
        var parts = header["vapid ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var jwt) || !parts.TryGetValue("k", out var k))
            return null;
        var pieces = jwt.Split('.');
        if (pieces.Length != 3)
            return null;
        var key = WebEncoders.Base64UrlDecode(k);
        if (key is not [0x04, ..] || key.Length != 65)
            return null;
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = key[1..33], Y = key[33..] },
        });
        var signed = Encoding.ASCII.GetBytes(pieces[0] + "." + pieces[1]);
        if (!ecdsa.VerifyData(signed, WebEncoders.Base64UrlDecode(pieces[2]), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            return null;
        var head = JsonDocument.Parse(WebEncoders.Base64UrlDecode(pieces[0])).RootElement;
        var claims = JsonDocument.Parse(WebEncoders.Base64UrlDecode(pieces[1])).RootElement.Clone();
        // RFC 8292 says the audience is the push service's origin. Lib.Net.Http.WebPush leaves out a non-default
        // port (real push services listen on 443, so it never matters there); this one listens on a random port.
        var audience = claims.GetProperty("aud").GetString();
        if (head.GetProperty("alg").GetString() != "ES256"
            || (audience != Origin && audience != new Uri(Origin).GetLeftPart(UriPartial.Scheme) + new Uri(Origin).Host)
            || !claims.TryGetProperty("sub", out var sub) || string.IsNullOrEmpty(sub.GetString()))
            return null;
        var expires = DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64());
        if (expires <= DateTimeOffset.UtcNow || expires > DateTimeOffset.UtcNow.AddHours(24))
            return null;
        return (k, claims);
    }

    /// <summary>RFC 8291 §3.4 and RFC 8188: one aes128gcm record, keyed from ECDH with the sender's key in the header.</summary>
    private static byte[] Decrypt(byte[] body, Device device)
    {
        if (body.Length < 21)
            throw new CryptographicException("body shorter than the RFC 8188 header");
        var salt = body[..16];
        var recordSize = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
        int idLength = body[20];
        if (idLength != 65)
            throw new CryptographicException($"key id is {idLength} bytes, not a P-256 public key");
        var senderPublic = body[21..(21 + idLength)];
        var record = body[(21 + idLength)..];
        if (record.Length > recordSize)
            throw new CryptographicException("more than one record");

        using var sender = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = senderPublic[1..33], Y = senderPublic[33..] },
        });
        var sharedSecret = device.Key.DeriveRawSecretAgreement(sender.PublicKey);
        byte[] keyInfo = [.. "WebPush: info\0"u8, .. device.PublicKey, .. senderPublic];
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, sharedSecret, 32, device.AuthSecret, keyInfo);
        var prk = HKDF.Extract(HashAlgorithmName.SHA256, ikm, salt);
        var contentKey = HKDF.Expand(HashAlgorithmName.SHA256, prk, 16, "Content-Encoding: aes128gcm\0"u8.ToArray());
        var nonce = HKDF.Expand(HashAlgorithmName.SHA256, prk, 12, "Content-Encoding: nonce\0"u8.ToArray());

        var plaintext = new byte[record.Length - 16];
        using (var aes = new AesGcm(contentKey, 16))
            aes.Decrypt(nonce, record[..^16], record[^16..], plaintext);
        // The last (only) record ends with the delimiter 0x02, then any zero padding.
        var end = plaintext.Length - 1;
        while (end >= 0 && plaintext[end] == 0)
            end--;
        if (end < 0 || plaintext[end] != 0x02)
            throw new CryptographicException("no last-record delimiter");
        return plaintext[..end];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var device in _devices.Values)
            device.Dispose();
        await _app.DisposeAsync();
    }
}
