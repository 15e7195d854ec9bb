using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Corner.Web.Security;

/// <summary>Where a ciphertext belongs. It is bound into the associated data, so a ciphertext
/// copied to another table, column or row does not decrypt.</summary>
public readonly record struct FieldAddress(string Table, string Column, Guid RowId);

/// <summary>
/// AES-256-GCM with a small header: format (1 byte), key version (4 bytes, big-endian),
/// nonce (12), tag (16), then the ciphertext.
/// </summary>
public static class Aead
{
    private const byte Format = 1;
    private const int HeaderLength = 1 + 4 + 12 + 16;
    public const int KeyLength = 32;

    public static byte[] Seal(ReadOnlySpan<byte> key, int keyVersion, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var output = new byte[HeaderLength + plaintext.Length];
        output[0] = Format;
        BinaryPrimitives.WriteInt32BigEndian(output.AsSpan(1, 4), keyVersion);
        var nonce = output.AsSpan(5, 12);
        RandomNumberGenerator.Fill(nonce);
        using var gcm = new AesGcm(key, 16);
        gcm.Encrypt(nonce, plaintext, output.AsSpan(HeaderLength), output.AsSpan(17, 16), associatedData);
        return output;
    }

    public static byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> sealedData, ReadOnlySpan<byte> associatedData)
    {
        if (sealedData.Length < HeaderLength || sealedData[0] != Format)
            throw new CryptographicException("Unknown ciphertext format.");
        var plaintext = new byte[sealedData.Length - HeaderLength];
        using var gcm = new AesGcm(key, 16);
        gcm.Decrypt(sealedData.Slice(5, 12), sealedData[HeaderLength..], sealedData.Slice(17, 16), plaintext, associatedData);
        return plaintext;
    }

    public static int KeyVersionOf(ReadOnlySpan<byte> sealedData) =>
        sealedData.Length >= HeaderLength && sealedData[0] == Format
            ? BinaryPrimitives.ReadInt32BigEndian(sealedData.Slice(1, 4))
            : throw new CryptographicException("Unknown ciphertext format.");

    public static byte[] FieldAssociatedData(FieldAddress address, int keyVersion) =>
        Encoding.UTF8.GetBytes($"field\n{address.Table}\n{address.Column}\n{address.RowId:N}\n{keyVersion}");

    public static byte[] KeyAssociatedData(Guid ownerId, int keyVersion, string masterKeyId) =>
        Encoding.UTF8.GetBytes($"data-key\n{ownerId:N}\n{keyVersion}\n{masterKeyId}");
}
