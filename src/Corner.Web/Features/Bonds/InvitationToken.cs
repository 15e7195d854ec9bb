using System.Buffers.Text;
using System.Security.Cryptography;

namespace Corner.Web.Features.Bonds;

/// <summary>
/// Invitation tokens: 32 random bytes, base64url in the link. Only the SHA-256 of the bytes is
/// stored, so a copy of the database cannot be used to join anyone's space.
/// </summary>
public static class InvitationToken
{
    private const int ByteLength = 32;
    public const int TextLength = 43; // base64url of 32 bytes, unpadded

    public static (string Token, byte[] Hash) Create()
    {
        var bytes = RandomNumberGenerator.GetBytes(ByteLength);
        return (Base64Url.EncodeToString(bytes), SHA256.HashData(bytes));
    }

    /// <summary>The hash to look the token up by, or null for anything that cannot be a token
    /// (wrong length, not base64url, odd characters); such input is never an error, just unknown.</summary>
    public static byte[]? HashOf(string? token)
    {
        // IsValid first: the decoder throws on characters outside the alphabet.
        if (token is null || token.Length != TextLength || !Base64Url.IsValid(token.AsSpan(), out var length) || length != ByteLength)
            return null;
        Span<byte> bytes = stackalloc byte[ByteLength];
        return Base64Url.TryDecodeFromChars(token, bytes, out var written) && written == ByteLength ? SHA256.HashData(bytes) : null;
    }

    public static string JoinPath(string token) => "/join/" + token;
}
