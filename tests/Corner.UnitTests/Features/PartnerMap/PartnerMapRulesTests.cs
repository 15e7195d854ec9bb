using System.Resources;
using Corner.Web.Features.PartnerMap;

namespace Corner.UnitTests.Features.PartnerMap;

public sealed class PartnerMapRulesTests
{
    [Fact]
    public void QuestionBank_Always_HasTenAreasWithAtLeastFourQuestionsEach_AndThreeTenderAreas()
    {
        Assert.Equal(10, QuestionBank.Areas.Count);
        Assert.All(QuestionBank.Areas, a => Assert.True(a.Questions.Count >= 4, $"{a.Id} has {a.Questions.Count} questions"));
        Assert.True(QuestionBank.Questions.Count >= 40);
        Assert.Equal(["soft_spots", "defences", "triggers"], QuestionBank.Areas.Where(a => a.Tender).Select(a => a.Id));
        Assert.Equal(QuestionBank.Questions.Count, QuestionBank.Questions.Select(q => q.Id).Distinct().Count());
    }

    [Fact]
    public void EveryQuestionAndArea_InTheBank_HasItsTextInTheResources()
    {
        var resources = new ResourceManager("Corner.Web.Resources.Features.PartnerMap.PartnerMapText", typeof(PartnerMapText).Assembly);
        var keys = QuestionBank.Questions.Select(q => q.TextKey).Concat(QuestionBank.Areas.SelectMany(a => new[] { a.NameKey, a.HintKey }));
        var missing = keys.Where(k => string.IsNullOrWhiteSpace(resources.GetString(k, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.True(missing.Count == 0, "No text for: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("stress.1", true)]
    [InlineData("admiration.4", true)]
    [InlineData("stress.0", false)]
    [InlineData("stress.6", false)]
    [InlineData("Stress.1", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Find_ForAnId_ReturnsOnlyQuestionsOfTheBank(string? id, bool known) =>
        Assert.Equal(known, QuestionBank.Find(id) is not null);

    [Fact]
    public void MayHaveChanged_AfterSixMonths_IsTrue_AndNotBefore()
    {
        var now = new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
        Assert.False(MapQueries.MayHaveChanged(now.AddMonths(-6).AddMinutes(1), now));
        Assert.True(MapQueries.MayHaveChanged(now.AddMonths(-6).AddMinutes(-1), now));
        Assert.False(MapQueries.MayHaveChanged(now, now));
    }

    [Fact]
    public void SharedByDefault_IsFalseEverywhere_PrivateUntilChosen()
    {
        Assert.All(QuestionBank.Areas.SelectMany(a => a.Questions), q => Assert.False(MapWriter.SharedByDefault(q)));
    }

    [Fact]
    public void Choose_WithNothingAnswered_MovesToAnAreaNotYetOfferedThisRound()
    {
        var offered = new List<string> { "stress.1", "what_matters.2", "soft_spots.1" };
        for (var seed = 0; seed < 50; seed++)
        {
            var candidates = QuestionBank.Questions.Where(q => !offered.Contains(q.Id)).ToList();
            var area = QuestionOfTheDay.Choose(candidates, [], offered, seed).Area.Id;
            Assert.DoesNotContain(area, new[] { "stress", "what_matters", "soft_spots" });
        }
    }

    [Fact]
    public void Choose_PrefersUnexploredAreas_ThenUnansweredQuestions()
    {
        var all = QuestionBank.Questions;
        var answeredEverywhereButStress = QuestionBank.Areas.Where(a => a.Id != "stress").Select(a => a.Questions[0].Id).ToList();
        for (var seed = 0; seed < 50; seed++)
            Assert.Equal("stress", QuestionOfTheDay.Choose(all, answeredEverywhereButStress, [], seed).Area.Id);

        var allButOne = all.Where(q => q.Id != "voicing.3").Select(q => q.Id).ToList();
        Assert.Equal("voicing.3", QuestionOfTheDay.Choose(all, allButOne, [], 12345).Id);
        Assert.Equal("admiration.2", QuestionOfTheDay.Choose([QuestionBank.Find("admiration.2")!], all.Select(q => q.Id).ToList(), [], -7).Id);
    }
}
