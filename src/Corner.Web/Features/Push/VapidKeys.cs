using System.Security.Cryptography;
using System.Text;
using Corner.Web.Security;
using Microsoft.AspNetCore.WebUtilities;
using Npgsql;

namespace Corner.Web.Features.Push;

/// <summary>
/// This installation's VAPID key pair (RFC 8292), made the first time it is needed and kept in the database,
/// the private half sealed by the master key the way Data Protection keys are, so every node signs alike and
/// a copy of the database alone cannot. Several nodes may race to make it: the first row wins. The pair belongs
/// to the master key that sealed it: a new master key makes a new pair.
/// </summary>
public sealed class VapidKeys(NpgsqlDataSource dataSource, MasterKey master, TimeProvider clock)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string PublicKey, string PrivateKey)? _keys;

    /// <summary>The public key (base64url, uncompressed P-256 point) and private key (base64url scalar).</summary>
    public async Task<(string PublicKey, string PrivateKey)> GetAsync(CancellationToken ct = default)
    {
        if (_keys is { } known)
            return known;
        await _gate.WaitAsync(ct);
        try
        {
            return _keys ??= await LoadOrCreateAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(string, string)> LoadOrCreateAsync(CancellationToken ct)
    {
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var parameters = key.ExportParameters(includePrivateParameters: true);
            var publicKey = WebEncoders.Base64UrlEncode([0x04, .. parameters.Q.X!, .. parameters.Q.Y!]);
            await using var insert = dataSource.CreateCommand("""
                insert into push_vapid_keys (public_key, sealed_private_key, master_key_id, created_at)
                values ($1, $2, $3, $4) on conflict (master_key_id) do nothing
                """);
            insert.Parameters.Add(new NpgsqlParameter { Value = publicKey });
            insert.Parameters.Add(new NpgsqlParameter { Value = Aead.Seal(master.Key, 1, parameters.D, AssociatedData(master.Id)) });
            insert.Parameters.Add(new NpgsqlParameter { Value = master.Id });
            insert.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow().UtcDateTime });
            await insert.ExecuteNonQueryAsync(ct);
            CryptographicOperations.ZeroMemory(parameters.D);
        }

        await using var select = dataSource.CreateCommand("select public_key, sealed_private_key from push_vapid_keys where master_key_id = $1");
        select.Parameters.Add(new NpgsqlParameter { Value = master.Id });
        await using var reader = await select.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            throw new InvalidOperationException("The VAPID key pair could not be stored.");
        var storedPublic = reader.GetString(0);
        var sealedPrivate = (byte[])reader[1];
        var privateKey = Aead.Open(master.Key, sealedPrivate, AssociatedData(master.Id));
        return (storedPublic, WebEncoders.Base64UrlEncode(privateKey));
    }

    private static byte[] AssociatedData(string masterKeyId) => Encoding.UTF8.GetBytes($"vapid-private-key\n{masterKeyId}");
}
