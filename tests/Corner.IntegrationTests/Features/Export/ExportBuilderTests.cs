using Corner.IntegrationTests.Support;
using Corner.Web.Features.CycleMap;
using Corner.Web.Features.Export;
using Corner.Web.Features.Moments;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Features.Export;

/// <summary>The moments and cycle map sources, written through their handlers: each part is marked as whoever wrote
/// it, and a half of the cycle still a draft is only in its writer's export.</summary>
[Collection(AppCollection.Name)]
public sealed class ExportBuilderTests(CornerAppFactory factory)
{
    private Task<ExportDocument> BuildAsync(TestPerson person) => factory.InScopeAsync(person.Id, sp =>
        sp.GetRequiredService<ExportBuilder>().BuildAsync(person.Id, _ => Task.CompletedTask, CancellationToken.None));

    private static List<ExportEntry> Entries(ExportDocument document, string practice) =>
        [.. document.Spaces.Single().Practices.Where(p => p.Practice == practice).SelectMany(p => p.Entries)];

    private static string? Field(ExportEntry entry, string name) => entry.Fields.Single(f => f.Name == name).Value;

    [Fact]
    public async Task MomentsAndCycleMap_AreMarkedByWhoWroteThem_AndADraftHalfStaysWithItsWriter()
    {
        var ana = await factory.CreatePersonAsync("Ana");
        var ben = await factory.CreatePersonAsync("Ben");
        var bondId = await factory.CreateSpaceAsync("Ana and Ben", ana, ben);
        var momentId = await factory.InScopeAsync(ben.Id, async sp => (await sp.GetRequiredService<MomentWriter>()
            .RecordAsync(bondId, ben.Id, new(Guid.NewGuid(), null, "the dinner with your boss", "you went quiet", "said it was unfair", "took your hand"))).Created!.Id);
        await factory.InScopeAsync(ana.Id, async sp => await sp.GetRequiredService<MomentWriter>().AnswerAsync(bondId, momentId, ana.Id, "partly", "it helped later"));
        var missedId = await factory.InScopeAsync(ana.Id, async sp => (await sp.GetRequiredService<MissedMomentWriter>()
            .WriteAsync(bondId, ana.Id, new(Guid.NewGuid(), "wish_you_had", "the phone call with my sister", ["stress"], "I was tired too"))).Created!.Id);
        await factory.InScopeAsync(ben.Id, async sp => await sp.GetRequiredService<MissedMomentWriter>().RespondAsync(bondId, missedId, ben.Id, "I missed it, sorry"));
        await factory.InScopeAsync(ben.Id, async sp => (await sp.GetRequiredService<CycleHalfWriter>().SaveAsync(bondId, ben.Id,
            new CycleHalfInput(["fight.criticise"], "plans change late", "I push", "anger", "fear", "to be counted on", "I care"), share: true)).Saved!);
        Assert.NotNull(await factory.InScopeAsync(ana.Id, async sp => (await sp.GetRequiredService<CycleHalfWriter>().SaveAsync(bondId, ana.Id,
            new CycleHalfInput(["flight.go_quiet"], "raised voices", "I go quiet", "calm", "overwhelmed", "a pause", "I come back"), share: false)).Saved));
        await factory.InScopeAsync(ana.Id, async sp => (await sp.GetRequiredService<CycleTimeRecorder>().RecordAsync(bondId, ana.Id,
            Guid.NewGuid(), new CycleTimeInput(new DateOnly(2026, 1, 2), ["pursue"], "same_day", "the long drive"))).Saved!);

        var anas = await BuildAsync(ana);
        var moments = Entries(anas, "moments");
        var moment = moments.Single(e => e.Kind == "moment");
        Assert.False(moment.Yours);
        Assert.Equal("Ben", moment.By);
        Assert.Equal("the dinner with your boss", Field(moment, "situation"));
        Assert.True(moments.Single(e => e.Kind == "moment_answer").Yours);
        Assert.True(moments.Single(e => e.Kind == "missed_moment").Yours);
        var response = moments.Single(e => e.Kind == "missed_moment_response");
        Assert.False(response.Yours);
        Assert.Equal("I missed it, sorry", Field(response, "words"));

        var anasCycle = Entries(anas, "cycle_map");
        Assert.Equal("raised voices", Field(anasCycle.Single(e => e is { Kind: "cycle_half", Yours: true }), "trigger"));
        Assert.Equal("plans change late", Field(anasCycle.Single(e => e is { Kind: "cycle_half", Yours: false }), "trigger"));
        Assert.Equal("the long drive", Field(anasCycle.Single(e => e.Kind == "cycle_time"), "note"));

        var bens = await BuildAsync(ben);
        var bensCycle = Entries(bens, "cycle_map");
        Assert.Single(bensCycle, e => e.Kind == "cycle_half");
        Assert.DoesNotContain(bens.Spaces.SelectMany(s => s.Practices).SelectMany(p => p.Entries).SelectMany(e => e.Fields),
            f => f.Value is "raised voices" or "I go quiet");
        Assert.True(bens.Spaces.Single().Practices.Single(p => p.Practice == "moments").Entries.Single(e => e.Kind == "moment").Yours);
    }
}
