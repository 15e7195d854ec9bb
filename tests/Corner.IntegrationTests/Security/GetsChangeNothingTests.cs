using System.Net;
using System.Text.RegularExpressions;
using Corner.IntegrationTests.Support;
using Xunit.Abstractions;

namespace Corner.IntegrationTests.Security;

/// <summary>
/// Issue 10: no GET changes anything (docs/architecture.md). Opening the check-ins page used to mark them seen, and the first
/// GET of the space home or the map recorded the question of the day; those are POSTs now, sent by the page once it
/// is shown (Features/Shared/PostOnView.cs). Each page's very first GET is watched, command by command.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class GetsChangeNothingTests(CornerAppFactory factory, ITestOutputHelper output) : IDisposable
{
    private readonly SqlCommandLog _log = new();

    public static TheoryData<string> Pages() =>
    [
        "/", "/check-in", "/spaces/{bond}", "/spaces/{bond}/check-ins", "/spaces/{bond}/check-ins/trends",
        "/spaces/{bond}/map", "/spaces/{bond}/map/question", "/spaces/{bond}/quiz", "/spaces/{bond}/moments",
        "/spaces/{bond}/cycle", "/spaces/{bond}/reconnect", "/spaces/{bond}/appreciations",
        "/api/v1/spaces/{bond}/map", "/api/v1/spaces/{bond}/check-ins",
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task FirstGet_OfAPage_SendsNoWrite(string page)
    {
        var (client, bondId) = await SqlCommandLog.LivedInSpaceAsync(factory);
        var path = page.Replace("{bond}", bondId.ToString(), StringComparison.Ordinal);

        var (status, commands) = await _log.CommandsOfAsync(client, () => new HttpRequestMessage(HttpMethod.Get, path));

        var writes = commands.Where(c => Write().IsMatch(c)).ToList();
        output.WriteLine($"{page}: {commands.Count} commands, writes:\n  " + string.Join("\n  ", writes));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(writes);
    }

    [Fact]
    public async Task SeenForm_OfTheCheckInsPage_IsWhatMarksThemSeen()
    {
        var (client, bondId) = await SqlCommandLog.LivedInSpaceAsync(factory);

        await client.GetPageAsync($"/spaces/{bondId}/check-ins");
        Assert.Equal(0L, await Data.Sql.OwnerScalarAsync<long>("select count(*) from check_ins_seen where bond_id = $1", bondId));

        await client.ViewPageAsync($"/spaces/{bondId}/check-ins");
        Assert.Equal(1L, await Data.Sql.OwnerScalarAsync<long>("select count(*) from check_ins_seen where bond_id = $1", bondId));
    }

    [GeneratedRegex(@"^\s*(insert|update|delete|merge)\b|\bpg_notify\(", RegexOptions.IgnoreCase)]
    private static partial Regex Write();

    public void Dispose() => _log.Dispose();
}
