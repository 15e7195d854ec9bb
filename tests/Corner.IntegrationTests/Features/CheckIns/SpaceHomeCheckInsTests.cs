using Corner.IntegrationTests.Support;
using Corner.Web.Features.CheckIns;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task SpaceHome_WaitingForYou_ListsAReflectionUntilItIsAnswered()
    {
        var alex = await factory.CreatePersonAsync("Alex Waiting");
        var sam = await factory.CreatePersonAsync("Sam Waiting");
        var bondId = await factory.CreateBondAsync(alex, sam);
        var checkIn = await factory.InScopeAsync(alex.Id, async sp => (await sp.GetRequiredService<CheckInRecorder>().SaveAsync(alex.Id,
            new CheckInInput(["sad.lonely"], [], 3, null, [new ShareChoice(bondId, 2)]))).Saved!.CheckInId);
        var alexClient = await factory.SignedInClientAsync(alex);
        Assert.Contains("Nothing is waiting on you here right now.", await alexClient.GetStringAsync($"/spaces/{bondId}"), StringComparison.Ordinal);

        var reflection = await factory.InScopeAsync(sam.Id, async sp => (await sp.GetRequiredService<ReflectionWriter>()
            .ReflectAsync(bondId, checkIn, sam.Id, "sad.lonely", null)).ReflectionId!.Value);

        var waiting = await alexClient.GetStringAsync($"/spaces/{bondId}");
        Assert.Contains("Sam Waiting reflected on your check-in. Does it fit?", waiting, StringComparison.Ordinal);
        // Only the check-in's author has something to do: Sam's list stays empty.
        Assert.Contains("Nothing is waiting on you here right now.", await (await factory.SignedInClientAsync(sam)).GetStringAsync($"/spaces/{bondId}"), StringComparison.Ordinal);

        await factory.InScopeAsync(alex.Id, async sp => await sp.GetRequiredService<ReflectionWriter>().AnswerAsync(bondId, reflection, alex.Id, "yes"));

        Assert.DoesNotContain("reflected on your check-in. Does it fit?", await alexClient.GetStringAsync($"/spaces/{bondId}"), StringComparison.Ordinal);
    }
}
