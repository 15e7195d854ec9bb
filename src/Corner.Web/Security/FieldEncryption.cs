using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Corner.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Corner.Web.Security;

/// <summary>Unwrapped data keys, kept in memory so a page does not unwrap on every field.</summary>
public sealed class DataKeyCache
{
    private readonly ConcurrentDictionary<(Guid Owner, int Version), byte[]> _keys = new();

    public bool TryGet(Guid owner, int version, out byte[] key) => _keys.TryGetValue((owner, version), out key!);
    public void Add(Guid owner, int version, byte[] key) => _keys[(owner, version)] = key;

    /// <summary>Forgets an owner's keys, e.g. after they were destroyed to shred data.</summary>
    public void Forget(Guid owner)
    {
        foreach (var entry in _keys.Keys.Where(k => k.Owner == owner))
            _keys.TryRemove(entry, out _);
    }
}

/// <summary>
/// Encrypts intimate free text with the data key of its owner (a bond or a person).
/// Every intimate text column stores only what this produces.
/// </summary>
public sealed class FieldEncryption(CornerDbContext db, MasterKey masterKey, DataKeyCache cache, TimeProvider clock)
{
    // Keys made in this unit of work. They join the shared cache only once read back from the
    // database, so a key made for an owner this person cannot see (and that will fail to save)
    // never replaces that owner's real key in the cache.
    private readonly Dictionary<Guid, (int Version, byte[] Key)> _created = [];

    public async Task<byte[]> EncryptAsync(Guid ownerId, FieldAddress address, string plaintext, CancellationToken ct = default)
    {
        var (version, key) = await CurrentKeyAsync(ownerId, ct);
        return Aead.Seal(key, version, Encoding.UTF8.GetBytes(plaintext), Aead.FieldAssociatedData(address, version));
    }

    public async Task<string> DecryptAsync(Guid ownerId, FieldAddress address, byte[] ciphertext, CancellationToken ct = default)
    {
        var version = Aead.KeyVersionOf(ciphertext);
        var key = await KeyAsync(ownerId, version, ct)
            ?? throw new CryptographicException($"No data key {version} for this owner (it may have been destroyed).");
        return Encoding.UTF8.GetString(Aead.Open(key, ciphertext, Aead.FieldAssociatedData(address, version)));
    }

    /// <summary>Destroys an owner's data keys: whatever was encrypted with them is unreadable from now on, in the
    /// database and in every copy of its rows (account deletion, a closed space's key after 30 days).</summary>
    public async Task ShredAsync(Guid ownerId, CancellationToken ct = default)
    {
        await db.DataKeys.Where(k => k.OwnerId == ownerId).ExecuteDeleteAsync(ct);
        _created.Remove(ownerId);
        cache.Forget(ownerId);
    }

    /// <summary>
    /// Seals every value of <paramref name="ownerId"/> in <paramref name="columns"/> again under a new key version, then
    /// destroys the older versions. Run after deleting some of the owner's rows (a member deleted their account): a
    /// copy of those rows taken before (a backup, a dump) was sealed with a key that no longer exists. Runs in the
    /// open transaction; the caller needs system scope to update everyone's rows. Returns how many values it re-sealed.
    /// </summary>
    public async Task<int> RotateAsync(Guid ownerId, IEnumerable<SealedColumn> columns, CancellationToken ct = default)
    {
        var versions = await db.DataKeys.Where(k => k.OwnerId == ownerId).Select(k => k.Version).ToListAsync(ct);
        if (versions.Count == 0)
            return 0;
        var next = versions.Max() + 1;
        var key = AddKey(ownerId, next);
        await db.SaveChangesAsync(ct);

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Rotating a key needs the open transaction it commits with.");
        var resealed = 0;
        foreach (var column in columns)
        {
            var keys = string.Join(", ", column.KeyColumns);
            var rows = new List<(Guid[] Keys, byte[] Cipher)>();
            await using (var select = new NpgsqlCommand(
                $"select {keys}, {column.Column} from {column.Table} where {column.OwnerColumn} = $1 and {column.Column} is not null",
                connection, transaction))
            {
                select.Parameters.Add(new NpgsqlParameter { Value = ownerId });
                await using var reader = await select.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                    rows.Add(([.. column.KeyColumns.Select((_, i) => reader.GetGuid(i))], (byte[])reader[column.KeyColumns.Length]));
            }
            if (rows.Count == 0)
                continue;

            var where = string.Join(" and ", column.KeyColumns.Select((c, i) => $"{c} = ${i + 2}"));
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var (rowKeys, cipher) in rows)
            {
                var address = column.Address(rowKeys);
                var version = Aead.KeyVersionOf(cipher);
                var old = await KeyAsync(ownerId, version, ct)
                    ?? throw new CryptographicException($"No data key {version} for this owner (it may have been destroyed).");
                var plaintext = Aead.Open(old, cipher, Aead.FieldAssociatedData(address, version));
                var command = new NpgsqlBatchCommand($"update {column.Table} set {column.Column} = $1 where {where}");
                command.Parameters.Add(new NpgsqlParameter { Value = Aead.Seal(key, next, plaintext, Aead.FieldAssociatedData(address, next)) });
                foreach (var rowKey in rowKeys)
                    command.Parameters.Add(new NpgsqlParameter { Value = rowKey });
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync(ct);
            resealed += rows.Count;
        }

        await db.DataKeys.Where(k => k.OwnerId == ownerId && k.Version < next).ExecuteDeleteAsync(ct);
        cache.Forget(ownerId);
        _created[ownerId] = (next, key);
        return resealed;
    }

    private async Task<(int Version, byte[] Key)> CurrentKeyAsync(Guid ownerId, CancellationToken ct)
    {
        if (_created.TryGetValue(ownerId, out var made))
            return made;
        var latest = await db.DataKeys.Where(k => k.OwnerId == ownerId)
            .OrderByDescending(k => k.Version).FirstOrDefaultAsync(ct);
        if (latest is not null)
            return (latest.Version, Unwrap(latest));

        const int version = 1;
        var key = AddKey(ownerId, version);
        _created[ownerId] = (version, key);
        return (version, key);
    }

    /// <summary>Makes a new random key for the owner and adds its wrapped row (saved with the unit of work).</summary>
    private byte[] AddKey(Guid ownerId, int version)
    {
        var key = RandomNumberGenerator.GetBytes(Aead.KeyLength);
        db.DataKeys.Add(new DataKey
        {
            OwnerId = ownerId,
            Version = version,
            WrappedKey = masterKey.Wrap(ownerId, version, key),
            MasterKeyId = masterKey.Id,
            CreatedAt = clock.GetUtcNow(),
        });
        return key;
    }

    private async Task<byte[]?> KeyAsync(Guid ownerId, int version, CancellationToken ct)
    {
        if (_created.TryGetValue(ownerId, out var made) && made.Version == version)
            return made.Key;
        if (cache.TryGet(ownerId, version, out var cached))
            return cached;
        var row = await db.DataKeys.FirstOrDefaultAsync(k => k.OwnerId == ownerId && k.Version == version, ct);
        return row is null ? null : Unwrap(row);
    }

    private byte[] Unwrap(DataKey row)
    {
        if (cache.TryGet(row.OwnerId, row.Version, out var cached))
            return cached;
        var key = masterKey.Unwrap(row.OwnerId, row.Version, row.MasterKeyId, row.WrappedKey);
        cache.Add(row.OwnerId, row.Version, key);
        return key;
    }
}

/// <summary>Re-wraps data keys under a new master key. The data itself is never re-encrypted.</summary>
public static class MasterKeyRotation
{
    public static DataKey Rewrap(DataKey row, MasterKey from, MasterKey to)
    {
        var key = from.Unwrap(row.OwnerId, row.Version, row.MasterKeyId, row.WrappedKey);
        return new DataKey
        {
            OwnerId = row.OwnerId,
            Version = row.Version,
            WrappedKey = to.Wrap(row.OwnerId, row.Version, key),
            MasterKeyId = to.Id,
            CreatedAt = row.CreatedAt,
        };
    }
}
