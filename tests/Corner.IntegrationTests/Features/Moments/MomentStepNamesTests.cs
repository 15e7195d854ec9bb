using System.Text.RegularExpressions;
using Corner.IntegrationTests.Support;
using Corner.Web.Features.Moments;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Features.Moments;

/// <summary>Issue 15, defect 4: the progress list and the steps below it call each step by the same name.</summary>
[Collection(AppCollection.Name)]
public sealed partial class MomentStepNamesTests(CornerAppFactory factory)
{
    [Fact]
    public async Task MomentPage_ProgressAndSteps_UseTheSameNamesAndSayDoneOnce()
    {
        var ada = await factory.CreatePersonAsync("Ada");
        var ben = await factory.CreatePersonAsync("Ben");
        var bondId = await factory.CreateSpaceAsync("Steps", ada, ben);
        var momentId = await factory.InScopeAsync(ada.Id, async sp => (await sp.GetRequiredService<MomentWriter>().RecordAsync(bondId, ada.Id,
            new MomentInput(Guid.NewGuid(), null, "Dinner with my aunt", "You went quiet", "I said we'd talk later", "I changed the subject"))).Created!.Id);

        foreach (var person in new[] { ada, ben })
        {
            var page = await (await factory.SignedInClientAsync(person)).GetPageAsync($"/spaces/{bondId}/moments/{momentId}");
            var progress = page.QuerySelectorAll(".steps--progress li").Select(li => Squash(li.TextContent)).ToList();
            var headings = page.QuerySelectorAll(".moment-steps > li > h2").Select(h => NumberPrefix().Replace(Squash(h.TextContent), "")).ToList();

            Assert.Equal(5, progress.Count);
            Assert.Equal(headings, progress.Select(p => StatusSuffix().Replace(p, "")).ToList());
            Assert.All(progress, p => Assert.Single(Done().Matches(p)));
            Assert.Equal(["done", "done", "done", "not yet", "not yet"], progress.Select(p => StatusSuffix().Match(p).Groups[1].Value).ToList());
        }
    }

    private static string Squash(string text) => Regex.Replace(text, @"\s+", " ").Trim();

    [GeneratedRegex(@"^\d\. ")]
    private static partial Regex NumberPrefix();

    [GeneratedRegex(@" \((done|not yet)\)$")]
    private static partial Regex StatusSuffix();

    [GeneratedRegex(@"\bdone\b|\bnot yet\b")]
    private static partial Regex Done();
}
