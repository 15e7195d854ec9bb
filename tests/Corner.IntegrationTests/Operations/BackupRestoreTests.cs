using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Corner.IntegrationTests.Operations;

/// <summary>
/// Issue 16: script/backup and script/restore. A space's name (encrypted under the master key) is backed up,
/// restored into a fresh database, and read back through the app with the same master key; with another
/// master key, and in the file itself, it cannot be read.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class BackupRestoreTests(CornerAppFactory factory) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("corner-backup-").FullName;

    [Fact]
    public async Task Restore_OfABackup_ReadsBackWithTheMasterKeyAndNotWithout()
    {
        var canary = "restore-canary-" + Guid.NewGuid().ToString("N")[..10];
        var person = await factory.CreatePersonAsync("Restore Sam");
        var space = await factory.CreateSpaceAsync(canary, person, await factory.CreatePersonAsync("Restore Alex"));
        var file = Path.Combine(_folder, "corner.dump");
        var restoredDatabase = new NpgsqlConnectionStringBuilder(TestDatabase.OwnerConnectionString).Database + "_restored";

        var backup = await RunAsync("script/backup", ["--output", file], ("ConnectionStrings__Owner", TestDatabase.OwnerConnectionString));
        var restore = await RunAsync("script/restore", [file, "--database", restoredDatabase, "--replace"],
            ("ConnectionStrings__Owner", null), ("ConnectionStrings__App", null));

        Assert.True(backup.ExitCode == 0, backup.Output);
        Assert.Contains("master key", backup.Output, StringComparison.Ordinal);
        Assert.Contains("not in this backup", backup.Output, StringComparison.Ordinal);
        Assert.True(restore.ExitCode == 0, restore.Output);
        Assert.False(Contains(await File.ReadAllBytesAsync(file), canary), "the backup file holds the canary in plain text");

        // With the master key: the person signs in on the restored database and sees their space's name.
        await using (var restored = OnRestored(restoredDatabase, CornerAppFactory.SharedMasterKey))
        {
            var client = await restored.SignedInClientAsync(person);
            var spaces = await client.GetAsync("/api/v1/spaces");
            Assert.Equal(HttpStatusCode.OK, spaces.StatusCode);
            Assert.Contains(canary, await spaces.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Without it: the same rows are there, and nothing decrypts them.
        await using var stranger = OnRestored(restoredDatabase, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var failure = await Record.ExceptionAsync(() => stranger.InScopeAsync(null, async sp =>
        {
            var bond = await sp.GetRequiredService<CornerDbContext>().Bonds.SingleAsync(b => b.Id == space);
            Assert.False(Contains(bond.NameCipher, canary));
            return await sp.GetRequiredService<FieldEncryption>().DecryptAsync(space, BondQueries.NameField(space), bond.NameCipher);
        }));
        Assert.IsAssignableFrom<CryptographicException>(failure);
    }

    private static CornerAppFactory OnRestored(string database, string masterKey) => CornerAppFactory.WithSettings(new Dictionary<string, string?>
    {
        ["ConnectionStrings:App"] = new NpgsqlConnectionStringBuilder(TestDatabase.AppConnectionString) { Database = database }.ConnectionString,
        ["ConnectionStrings:Owner"] = new NpgsqlConnectionStringBuilder(TestDatabase.OwnerConnectionString) { Database = database }.ConnectionString,
        ["Corner:MasterKey"] = masterKey,
    });

    private static bool Contains(byte[] haystack, string text) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    private static async Task<(int ExitCode, string Output)> RunAsync(string script, string[] arguments, params (string Name, string? Value)[] environment)
    {
        var start = new ProcessStartInfo(Path.Combine(TestDatabase.RepositoryRoot(), script))
        {
            WorkingDirectory = TestDatabase.RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
            if (value is null) start.Environment.Remove(name); else start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + script);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
