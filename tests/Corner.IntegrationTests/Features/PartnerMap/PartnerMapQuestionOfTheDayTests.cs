using Corner.IntegrationTests.Data;
using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Corner.Web.Features.PartnerMap;
using Corner.Web.Features.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Features.PartnerMap;

[Collection(AppCollection.Name)]
public sealed class PartnerMapQuestionOfTheDayTests(CornerAppFactory factory)
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Today's question as a person who is shown it sees it: the page shows it, then posts that it was offered.</summary>
    private Task<MapQuestion> TodayAsync(TestPerson person, Guid bondId) => factory.InScopeAsync(person.Id, async sp =>
    {
        var db = sp.GetRequiredService<CornerDbContext>();
        var daily = new QuestionOfTheDay(db, new PersonalDay(db, _clock), new QueryBatch(db));
        var shown = await daily.ForTodayAsync(bondId, person.Id);
        await daily.RecordTodayAsync(bondId, person.Id);
        return shown;
    });

    [Fact]
    public async Task QuestionOfTheDay_OverAWholeRound_IsStableWithinADay_NeverRepeats_ThenComesRoundAgain()
    {
        var ana = await factory.CreatePersonAsync("Ana");
        var ben = await factory.CreatePersonAsync("Ben");
        var bondId = await factory.CreateSpaceAsync("Daily questions", ana, ben);

        var offered = new List<string>();
        for (var day = 0; day < QuestionBank.Questions.Count; day++)
        {
            var first = await TodayAsync(ana, bondId);
            _clock.Advance(TimeSpan.FromHours(3));
            Assert.Equal(first.Id, (await TodayAsync(ana, bondId)).Id);
            offered.Add(first.Id);
            _clock.Advance(TimeSpan.FromHours(21));
        }

        Assert.Equal(QuestionBank.Questions.Select(q => q.Id).Order(), offered.Order());
        // No area twice in a row while unexplored areas remain: the first ten days visit all ten areas.
        Assert.Equal(10, offered.Take(10).Select(id => QuestionBank.Find(id)!.Area.Id).Distinct().Count());

        var nextRound = await TodayAsync(ana, bondId);
        Assert.NotNull(nextRound);
        Assert.Equal(2, await Sql.OwnerScalarAsync<int>("select max(round) from map_question_offers where person_id = $1 and bond_id = $2", ana.Id, bondId));
        // Ben has his own sequence, untouched by Ana's.
        Assert.Equal(0L, await Sql.OwnerScalarAsync<long>("select count(*) from map_question_offers where person_id = $1", ben.Id));
    }

    [Fact]
    public async Task QuestionOfTheDay_WhenOnlyOneAreaIsUnexplored_ComesFromThatArea()
    {
        var ana = await factory.CreatePersonAsync("Ana");
        var ben = await factory.CreatePersonAsync("Ben");
        var bondId = await factory.CreateSpaceAsync("Daily questions", ana, ben);
        await factory.InScopeAsync(ana.Id, async sp =>
        {
            var writer = sp.GetRequiredService<MapWriter>();
            foreach (var area in QuestionBank.Areas.Where(a => a.Id != "voicing"))
                await writer.SaveSelfAsync(bondId, ana.Id, area.Questions[0].Id, "an answer", shared: false);
            return 0;
        });

        Assert.Equal("voicing", (await TodayAsync(ana, bondId)).Area.Id);
    }
}

/// <summary>Issue 15, defect 3: following "Answer it" to today's question, the page says it is today's.</summary>
[Collection(AppCollection.Name)]
public sealed class PartnerMapTodayLinkTests(CornerAppFactory factory)
{
    [Fact]
    public async Task AnswerItLinks_FromTheSpaceAndTheMap_OpenAQuestionThatSaysItIsTodays()
    {
        var ana = await factory.CreatePersonAsync("Ana");
        var ben = await factory.CreatePersonAsync("Ben");
        var bondId = await factory.CreateSpaceAsync("Daily questions", ana, ben);
        var client = await factory.SignedInClientAsync(ana);

        var links = new List<string>();
        foreach (var from in new[] { $"/spaces/{bondId}", $"/spaces/{bondId}/map" })
        {
            var page = await client.GetPageAsync(from);
            var answerIt = page.QuerySelectorAll("a").Where(a => a.TextContent.Trim() == "Answer it").Select(a => a.GetAttribute("href")!).ToList();
            Assert.True(answerIt.Count > 0, $"{from} has no \"Answer it\" link");
            links.AddRange(answerIt);
        }

        foreach (var link in links)
        {
            var question = await client.GetPageAsync(link);
            Assert.Contains("Today's question", question.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        }
        // Another question, named the same way, does not claim to be today's.
        var todays = links[0].Split("q=")[1];
        var other = QuestionBank.Questions.First(q => q.Id != todays).Id;
        var otherPage = await client.GetPageAsync($"/spaces/{bondId}/map/question?q={other}");
        Assert.DoesNotContain("Today's question", otherPage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
}
