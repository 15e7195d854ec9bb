using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Corner.IntegrationTests.Support;
using Npgsql;

namespace Corner.IntegrationTests.Features.Bonds;

/// <summary>What is actually written to PostgreSQL, read as the table owner (no row-level security).</summary>
[Collection(AppCollection.Name)]
public sealed class SpaceStorageTests(CornerAppFactory factory)
{
    [Fact]
    public async Task Invitation_WhenStored_KeepsOnlyTheTokensHash()
    {
        var creator = await factory.CreatePersonAsync();
        var client = await factory.SignedInClientAsync(creator);
        var bondId = await Spaces.CreateAsync(client, "Quiet place");
        var token = await Spaces.InviteAsync(client, bondId);
        var raw = Base64Url.DecodeFromChars(token);

        var rows = await ReadRowsAsync("select * from invitations where bond_id = $1", bondId);

        var row = Assert.Single(rows);
        Assert.Equal(SHA256.HashData(raw), (byte[])row["token_hash"]!);
        foreach (var (column, value) in row)
        {
            var bytes = value as byte[] ?? Encoding.UTF8.GetBytes(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
            Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(token)), $"{column} holds the token");
            Assert.False(Contains(bytes, raw), $"{column} holds the token's bytes");
        }
    }

    [Fact]
    public async Task SpaceName_WhenStored_IsNotPlaintextInBonds()
    {
        var client = await factory.SignedInClientAsync(await factory.CreatePersonAsync());
        var canary = "Canary " + Spaces.Unique();
        var bondId = await Spaces.CreateAsync(client, canary);

        var rows = await ReadRowsAsync("select *, bonds::text as whole_row from bonds where id = $1", bondId);

        var row = Assert.Single(rows);
        Assert.NotEmpty((byte[])row["name_cipher"]!);
        Assert.False(Contains((byte[])row["name_cipher"]!, Encoding.UTF8.GetBytes(canary)));
        Assert.DoesNotContain(canary, (string)row["whole_row"]!, StringComparison.Ordinal);
        Assert.Contains(canary, await client.GetStringAsync($"/spaces/{bondId}"), StringComparison.Ordinal);
    }

    private static async Task<List<Dictionary<string, object?>>> ReadRowsAsync(string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = id } } };
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < reader.FieldCount; i++)
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
