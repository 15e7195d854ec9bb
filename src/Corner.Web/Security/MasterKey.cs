using System.Security.Cryptography;

namespace Corner.Web.Security;

/// <summary>The key that wraps every data key. It lives outside the database: an environment
/// variable or file in production, a generated owner-only file in development.</summary>
public sealed class MasterKey
{
    public MasterKey(byte[] key)
    {
        if (key.Length != Aead.KeyLength)
            throw new ArgumentException($"The master key must be {Aead.KeyLength} bytes.", nameof(key));
        Key = key;
        Id = Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 8));
    }

    internal byte[] Key { get; }

    /// <summary>A short fingerprint stored beside each wrapped key, so rotation knows which key wrapped it.</summary>
    public string Id { get; }

    public byte[] Wrap(Guid ownerId, int version, ReadOnlySpan<byte> dataKey) =>
        Aead.Seal(Key, version, dataKey, Aead.KeyAssociatedData(ownerId, version, Id));

    public byte[] Unwrap(Guid ownerId, int version, string masterKeyId, ReadOnlySpan<byte> wrapped) =>
        masterKeyId == Id
            ? Aead.Open(Key, wrapped, Aead.KeyAssociatedData(ownerId, version, Id))
            : throw new CryptographicException($"Data key {ownerId:N}/{version} is wrapped by master key {masterKeyId}, not {Id}.");

    /// <summary>Loads the master key from configuration (Corner:MasterKey as base64, or
    /// Corner:MasterKeyFile); in development, creates one in the data folder on first run.</summary>
    public static MasterKey Load(IConfiguration configuration, IHostEnvironment environment, string dataFolder)
    {
        if (configuration["Corner:MasterKey"] is { Length: > 0 } base64)
            return new MasterKey(Convert.FromBase64String(base64));

        var file = configuration["Corner:MasterKeyFile"];
        if (string.IsNullOrEmpty(file))
        {
            if (!environment.IsDevelopment())
                throw new InvalidOperationException(
                    "No master key configured. Set Corner__MasterKey (32 random bytes, base64) or Corner__MasterKeyFile.");
            file = Path.Combine(dataFolder, "master.key");
            if (!File.Exists(file))
            {
                Directory.CreateDirectory(dataFolder);
                var created = RandomNumberGenerator.GetBytes(Aead.KeyLength);
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // owner-only
                using (var stream = new FileStream(file, options))
                    stream.Write(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(created)));
                return new MasterKey(created);
            }
        }
        return new MasterKey(Convert.FromBase64String(File.ReadAllText(file).Trim()));
    }
}
