using System.Text.RegularExpressions;
using Corner.Web.Data;

namespace Corner.UnitTests.Data;

public sealed partial class MigrationFilesTests
{
    [Fact]
    public void LoadEmbedded_Always_GivesStrictlyAscendingUniqueVersions()
    {
        var migrations = MigrationRunner.LoadEmbedded();

        Assert.NotEmpty(migrations);
        Assert.Equal(1, migrations[0].Version);
        var duplicates = migrations.GroupBy(m => m.Version).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"Two migration files share version(s) {string.Join(", ", duplicates)}");
        Assert.All(migrations.Zip(migrations.Skip(1)), pair => Assert.True(pair.First.Version < pair.Second.Version,
            $"{pair.First.Version} comes before {pair.Second.Version}"));
        Assert.All(migrations, m =>
        {
            Assert.True(m.Version > 0, $"{m.Name} has version {m.Version}");
            Assert.Matches(SnakeCase(), m.Name);
            Assert.False(string.IsNullOrWhiteSpace(m.Sql), $"{m.Name} is empty");
        });
    }

    [Fact]
    public void LoadEmbedded_Always_CarriesEveryFileInTheMigrationsFolder()
    {
        var folder = Path.Combine(RepositoryRoot(), "src", "Corner.Web", "Data", "Migrations");
        var files = Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();

        var embedded = MigrationRunner.LoadEmbedded().Select(m => $"{m.Version:D4}_{m.Name}.sql").ToList();

        Assert.All(files, f => Assert.Matches(FileName(), f));
        Assert.Equal(files, embedded);
    }

    [Fact]
    public void EveryMigration_Always_StartsWithACommentSayingWhy()
    {
        Assert.All(MigrationRunner.LoadEmbedded(), m =>
            Assert.True(m.Sql.TrimStart().StartsWith("--", StringComparison.Ordinal), $"{m.Version:D4}_{m.Name} does not start with a comment"));
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Corner.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (Corner.slnx).");
    }

    [GeneratedRegex("^[a-z0-9]+(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();

    [GeneratedRegex(@"^\d{4}_[a-z0-9]+(_[a-z0-9]+)*\.sql$")]
    private static partial Regex FileName();
}
