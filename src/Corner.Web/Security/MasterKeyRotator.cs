using System.Xml.Linq;
using Npgsql;

namespace Corner.Web.Security;

/// <summary>What one rotation changed.</summary>
public sealed record MasterKeyRotationResult(int DataKeysRewrapped, int DataProtectionKeysResealed, string MasterKeyId);

/// <summary>
/// Moves everything sealed by a previous master key under the current one, in one transaction:
/// data keys are re-wrapped (the data they encrypt is untouched) and the Data Protection keys behind
/// cookies and tokens are re-sealed with the same key material, so sessions, confirmation and reset
/// links issued before keep working. Run as the owner role (the app role may not rewrite the
/// Data Protection keys). Safe to run again: rows already under the current key are left alone.
/// </summary>
public sealed class MasterKeyRotator(MasterKey master)
{
    public async Task<MasterKeyRotationResult> RotateAsync(string ownerConnectionString, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var system = Data.DbScope.ApplyCommand(Data.DbScope.ForMaintenance(), connection, transaction))
            await system.ExecuteNonQueryAsync(ct);

        var dataKeys = await RewrapDataKeysAsync(connection, transaction, ct);
        var protectionKeys = await ResealDataProtectionKeysAsync(connection, transaction, ct);
        await transaction.CommitAsync(ct);
        return new MasterKeyRotationResult(dataKeys, protectionKeys, master.Id);
    }

    private async Task<int> RewrapDataKeysAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        var rows = new List<Data.DataKey>();
        await using (var select = new NpgsqlCommand("""
            select owner_id, version, wrapped_key, master_key_id, created_at from data_keys
            where master_key_id <> $1 for update
            """, connection, transaction))
        {
            select.Parameters.Add(new NpgsqlParameter { Value = master.Id });
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                rows.Add(new Data.DataKey
                {
                    OwnerId = reader.GetGuid(0),
                    Version = reader.GetInt32(1),
                    WrappedKey = reader.GetFieldValue<byte[]>(2),
                    MasterKeyId = reader.GetString(3),
                    CreatedAt = reader.GetFieldValue<DateTimeOffset>(4),
                });
        }
        foreach (var row in rows)
        {
            // Fails (and rolls everything back) when no configured key wrapped this row.
            var rewrapped = MasterKeyRotation.Rewrap(row, master, master);
            await using var update = new NpgsqlCommand(
                "update data_keys set wrapped_key = $1, master_key_id = $2 where owner_id = $3 and version = $4",
                connection, transaction);
            update.Parameters.Add(new NpgsqlParameter { Value = rewrapped.WrappedKey });
            update.Parameters.Add(new NpgsqlParameter { Value = rewrapped.MasterKeyId });
            update.Parameters.Add(new NpgsqlParameter { Value = row.OwnerId });
            update.Parameters.Add(new NpgsqlParameter { Value = row.Version });
            await update.ExecuteNonQueryAsync(ct);
        }
        return rows.Count;
    }

    private async Task<int> ResealDataProtectionKeysAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        var rows = new List<(int Id, string Xml)>();
        await using (var select = new NpgsqlCommand("select id, xml from data_protection_keys order by id for update", connection, transaction))
        await using (var reader = await select.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                rows.Add((reader.GetInt32(0), reader.GetString(1)));

        var encryptor = new MasterKeyXmlEncryptor(master);
        var resealed = 0;
        foreach (var (id, xml) in rows)
        {
            var element = XElement.Parse(xml);
            var stale = element.Descendants("sealedByMasterKey")
                .Where(e => (string?)e.Attribute("masterKeyId") != master.Id).ToList();
            if (stale.Count == 0)
                continue;
            foreach (var seal in stale)
            {
                var keyId = (string?)seal.Attribute("masterKeyId") ?? "";
                var sealer = master.Find(keyId)
                    ?? throw new System.Security.Cryptography.CryptographicException(
                        $"Data Protection key {id} was sealed by master key {keyId}, which is not configured (Corner:PreviousMasterKeys).");
                seal.ReplaceWith(encryptor.Encrypt(MasterKeyXmlDecryptor.Open(sealer, seal)).EncryptedElement);
            }
            await using var update = new NpgsqlCommand("update data_protection_keys set xml = $1 where id = $2", connection, transaction);
            update.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
            update.Parameters.Add(new NpgsqlParameter { Value = id });
            await update.ExecuteNonQueryAsync(ct);
            resealed++;
        }
        return resealed;
    }
}

/// <summary><c>Corner.Web rotate-master-key</c>: the admin command behind <c>script/rotate-master-key</c>.</summary>
public static class MasterKeyRotationCommand
{
    public const string Name = "rotate-master-key";

    public static async Task<int> RunAsync(WebApplication app)
    {
        var owner = app.Configuration.GetConnectionString("Owner");
        if (string.IsNullOrEmpty(owner))
        {
            await Console.Error.WriteLineAsync("rotate-master-key needs ConnectionStrings__Owner (the owner role).");
            return 2;
        }
        var master = app.Services.GetRequiredService<MasterKey>();
        if (master.Previous.Count == 0)
            await Console.Error.WriteLineAsync("No Corner__PreviousMasterKeys set: only rows already under the current key can be read.");
        try
        {
            var result = await new MasterKeyRotator(master).RotateAsync(owner);
            Console.WriteLine($"Master key {result.MasterKeyId}: {result.DataKeysRewrapped} data keys re-wrapped, " +
                $"{result.DataProtectionKeysResealed} cookie and token keys re-sealed.");
            return 0;
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            // Nothing was changed: the rotation is one transaction.
            await Console.Error.WriteLineAsync("Rotation stopped, nothing changed: " + e.Message);
            return 1;
        }
    }
}
