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

    /// <summary>Keys this one replaced, still accepted for reading while a rotation is under way
    /// (Corner:PreviousMasterKeys). Nothing new is ever wrapped or sealed with them.</summary>
    public IReadOnlyList<MasterKey> Previous { get; private init; } = [];

    public MasterKey WithPrevious(IEnumerable<MasterKey> previous) =>
        new(Key) { Previous = previous.Where(p => p.Id != Id).ToList() };

    /// <summary>This key or a previous one, by its fingerprint; null when neither.</summary>
    public MasterKey? Find(string masterKeyId) =>
        masterKeyId == Id ? this : Previous.FirstOrDefault(p => p.Id == masterKeyId);

    /// <summary>A short fingerprint stored beside each wrapped key, so rotation knows which key wrapped it.</summary>
    public string Id { get; }

    public byte[] Wrap(Guid ownerId, int version, ReadOnlySpan<byte> dataKey) =>
        Aead.Seal(Key, version, dataKey, Aead.KeyAssociatedData(ownerId, version, Id));

    public byte[] Unwrap(Guid ownerId, int version, string masterKeyId, ReadOnlySpan<byte> wrapped) =>
        Find(masterKeyId) is { } key
            ? Aead.Open(key.Key, wrapped, Aead.KeyAssociatedData(ownerId, version, key.Id))
            : throw new CryptographicException($"Data key {ownerId:N}/{version} is wrapped by master key {masterKeyId}, not {Id}.");

    /// <summary>Loads the master key from configuration (Corner:MasterKey as base64, or
    /// Corner:MasterKeyFile); in development, creates one in the data folder on first run. Keys it
    /// replaced, during a rotation, come from Corner:PreviousMasterKeys (base64, comma-separated).</summary>
    public static MasterKey Load(IConfiguration configuration, IHostEnvironment environment, string dataFolder)
    {
        var current = LoadCurrent(configuration, environment, dataFolder);
        var previous = (configuration["Corner:PreviousMasterKeys"] ?? "")
            .Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(b => new MasterKey(Convert.FromBase64String(b)));
        return current.WithPrevious(previous);
    }

    private static MasterKey LoadCurrent(IConfiguration configuration, IHostEnvironment environment, string dataFolder)
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
