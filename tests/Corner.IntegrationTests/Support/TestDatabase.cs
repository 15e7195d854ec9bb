namespace Corner.IntegrationTests.Support;

/// <summary>
/// The test database prepared by script/test (script/setup --database corner_test --fresh).
/// Connection strings come from the environment, or from .local/env-corner_test when a
/// developer runs dotnet test directly after script/test has run once.
/// </summary>
public static class TestDatabase
{
    private static readonly Lazy<(string App, string Owner)> Settings = new(Load);

    public static string AppConnectionString => Settings.Value.App;
    public static string OwnerConnectionString => Settings.Value.Owner;

    private static (string, string) Load()
    {
        var app = Environment.GetEnvironmentVariable("ConnectionStrings__App");
        var owner = Environment.GetEnvironmentVariable("ConnectionStrings__Owner");
        if (string.IsNullOrEmpty(app) || string.IsNullOrEmpty(owner) || !app.Contains("corner_test", StringComparison.Ordinal))
        {
            var file = Path.Combine(RepositoryRoot(), ".local", "env-" + (Environment.GetEnvironmentVariable("CORNER_TEST_DATABASE") ?? "corner_test"));
            if (!File.Exists(file))
                throw new InvalidOperationException("No test database settings. Run script/test once (it prepares corner_test).");
            foreach (var line in File.ReadAllLines(file))
            {
                var text = line.StartsWith("export ", StringComparison.Ordinal) ? line[7..] : line;
                var eq = text.IndexOf('=', StringComparison.Ordinal);
                if (eq < 0) continue;
                var value = text[(eq + 1)..].Trim('\'');
                if (text[..eq] == "ConnectionStrings__App") app = value;
                if (text[..eq] == "ConnectionStrings__Owner") owner = value;
            }
        }
        // The app reads these at start-up; make sure every factory sees the test database.
        Environment.SetEnvironmentVariable("ConnectionStrings__App", app);
        Environment.SetEnvironmentVariable("ConnectionStrings__Owner", owner);
        return (app!, owner!);
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Corner.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (Corner.slnx).");
    }
}
