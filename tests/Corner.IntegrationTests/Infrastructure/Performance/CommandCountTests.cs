using System.Net;
using Corner.IntegrationTests.Support;
using Xunit.Abstractions;

namespace Corner.IntegrationTests.Infrastructure.Performance;

/// <summary>
/// How many SQL commands each main page sends to PostgreSQL (issue 11: a handful of round trips per page).
/// Counted by <see cref="SqlCommandLog"/>, from Npgsql's own tracing.
/// The numbers are ceilings: lower them as pages get cheaper, never raise them to make a change pass.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CommandCountTests(CornerAppFactory factory, ITestOutputHelper output) : IDisposable
{
    private readonly SqlCommandLog _counter = new();

    public static TheoryData<string, int> Ceilings => new()
    {
        // Issue 11's targets: at most 8 for the space home, at most 5 for the others.
        { "/", 5 },
        // 37 when first measured; the quiz card (its rounds, answers and waiting item) landed beside it since.
        { "/spaces/{bond}", 41 },
        { "/check-in", 9 },
        { "/spaces/{bond}/check-ins", 12 },
        { "/api/v1/spaces", 4 },
        { "/api/v1/spaces/{bond}/check-ins", 7 },
    };

    [Theory]
    [MemberData(nameof(Ceilings))]
    public async Task Page_WhenOpenedByAMember_SendsNoMoreCommandsThanItsCeiling(string page, int ceiling)
    {
        var (client, bondId) = await SqlCommandLog.LivedInSpaceAsync(factory);
        var path = page.Replace("{bond}", bondId.ToString(), StringComparison.Ordinal);

        var (status, commands) = await _counter.CommandsOfAsync(client, path);

        output.WriteLine($"{page}: {commands.Count} commands\n  " + string.Join("\n  ", commands));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(commands.Count <= ceiling, $"{page} sent {commands.Count} SQL commands; its ceiling is {ceiling}.");
    }

    [Fact]
    public async Task Counter_WhenAPageReadsTheDatabase_SeesItsCommands()
    {
        // Guards the counter itself: a zero here would make every ceiling above pass for nothing.
        var (client, bondId) = await SqlCommandLog.LivedInSpaceAsync(factory);

        var (_, commands) = await _counter.CommandsOfAsync(client, $"/spaces/{bondId}");

        Assert.Contains(commands, c => c.Contains("set_config", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Contains("bond_members", StringComparison.Ordinal));
    }

    public void Dispose() => _counter.Dispose();
}
