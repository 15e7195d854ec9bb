using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Corner.Web.Security;

namespace Corner.Web.Features.Reminders;

/// <summary>
/// The token in every reminder's stop link. It is derived from the person's id with a key taken from
/// the master key, so every email ever sent carries a link that still works, while the database holds
/// only its hash (a dump cannot stop anyone's reminders).
/// </summary>
public sealed class ReminderStopToken(MasterKey masterKey)
{
    private readonly byte[] _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey.Key, 32,
        salt: [], info: Encoding.UTF8.GetBytes("corner reminders stop link v1"));

    public string For(Guid personId) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(_key, personId.ToByteArray()));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Tokens are 43 base64url characters; anything else is not one of ours.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
