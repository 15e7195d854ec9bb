using Corner.IntegrationTests.Support;

namespace Corner.IntegrationTests.Features.CheckIns;

/// <summary>The top of the space home says where today's check-ins stand for both, never revealing a private one.</summary>
[Collection(AppCollection.Name)]
public sealed class SpaceHomeTodayTests(CornerAppFactory factory)
{
    private static string Today(string html, string whose) =>
        Html.Parse(html).QuerySelector($"[data-today={whose}]")?.TextContent.Trim() ?? throw new InvalidOperationException($"No '{whose}' line");

    [Fact]
    public async Task SpaceHome_WhenTheOtherCheckedInPrivately_ReadsExactlyAsIfTheyHadNot()
    {
        var alex = await factory.CreatePersonAsync("Alex Today");
        var sam = await factory.CreatePersonAsync("Sam Today");
        var bondId = await factory.CreateBondAsync(alex, sam);
        var samClient = await factory.SignedInClientAsync(sam);
        var before = Today(await samClient.GetStringAsync($"/spaces/{bondId}"), "theirs");

        await (await factory.SignedInClientAsync(alex)).CheckInThroughFormAsync(["sad.lonely"], "kept to myself");

        var after = Today(await samClient.GetStringAsync($"/spaces/{bondId}"), "theirs");
        Assert.Equal(before, after);
        Assert.Contains("Nothing shared with you yet today.", after, StringComparison.Ordinal);
        // Alex's own line does know: it is Alex's check-in.
        Assert.Contains("Checked in today.", Today(await (await factory.SignedInClientAsync(alex)).GetStringAsync($"/spaces/{bondId}"), "mine"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SpaceHome_WhenTheOtherSharedToday_SaysSoAtTheTop()
    {
        var alex = await factory.CreatePersonAsync("Alex Shared");
        var sam = await factory.CreatePersonAsync("Sam Shared");
        var bondId = await factory.CreateBondAsync(alex, sam);

        await (await factory.SignedInClientAsync(alex)).CheckInThroughFormAsync(["joyful.hopeful"], "a good day", shareWith: bondId);

        var home = await (await factory.SignedInClientAsync(sam)).GetStringAsync($"/spaces/{bondId}");
        Assert.Equal("Alex Shared Shared a check-in with you today.", System.Text.RegularExpressions.Regex.Replace(Today(home, "theirs"), @"\s+", " "));
        Assert.Contains("Not checked in yet today.", Today(home, "mine"), StringComparison.Ordinal);
    }
}
