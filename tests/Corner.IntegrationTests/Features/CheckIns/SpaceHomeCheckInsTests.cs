using Corner.IntegrationTests.Support;

namespace Corner.IntegrationTests.Features.CheckIns;

[Collection(AppCollection.Name)]
public sealed class SpaceHomeCheckInsTests(CornerAppFactory factory)
{
    [Fact]
    public async Task SpaceHome_AfterThePartnerSharesACheckIn_ShowsItWithAWayToReflect()
    {
        var alex = await factory.CreatePersonAsync("Alex Home");
        var sam = await factory.CreatePersonAsync("Sam Home");
        var bondId = await factory.CreateBondAsync(alex, sam);
        var note = "shared-home-note-" + Guid.NewGuid().ToString("N")[..8];

        var saved = await (await factory.SignedInClientAsync(alex)).CheckInThroughFormAsync(["joyful.hopeful"], note, shareWith: bondId);
        Assert.True(saved.StatusCode is System.Net.HttpStatusCode.Redirect, $"check-in answered {(int)saved.StatusCode}");

        var home = await (await factory.SignedInClientAsync(sam)).GetStringAsync($"/spaces/{bondId}");
        Assert.Contains(note, home, StringComparison.Ordinal);
        Assert.Contains("Reflect back to Alex Home", home, StringComparison.Ordinal);
        Assert.Contains("id=\"live-region\"", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SpaceHome_AfterThePartnerChecksInPrivately_ShowsNothingOfIt()
    {
        var alex = await factory.CreatePersonAsync("Alex Private");
        var sam = await factory.CreatePersonAsync("Sam Private");
        var bondId = await factory.CreateBondAsync(alex, sam);
        var note = "private-home-note-" + Guid.NewGuid().ToString("N")[..8];

        await (await factory.SignedInClientAsync(alex)).CheckInThroughFormAsync(["sad.lonely"], note);

        var home = await (await factory.SignedInClientAsync(sam)).GetStringAsync($"/spaces/{bondId}");
        Assert.DoesNotContain(note, home, StringComparison.Ordinal);
        Assert.DoesNotContain("lonely", home, StringComparison.Ordinal);
        Assert.Contains("No check-ins shared here since yesterday", home, StringComparison.Ordinal);
        Assert.Contains("Days you both checked in this month: 0", home, StringComparison.Ordinal);
    }
}
