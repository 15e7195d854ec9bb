using System.Text.RegularExpressions;
using Corner.BrowserTests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Corner.BrowserTests.Journeys;

/// <summary>
/// Issue 13 end to end: each answers the strengths quiz alone, nothing shows before both finished, the result
/// arrives live on both open pages; and a signed-out visitor's answers travel from the browser into their first space.
/// </summary>
public sealed class QuizJourneyTests(CornerServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    private const string Password = "a long and quiet evening";
    private static readonly Viewport Phone390 = new(390, 844);

    private static async Task AnswerAllAsync(IPage page, string high)
    {
        var statements = page.Locator("fieldset.quiz-statement");
        var count = await statements.CountAsync();
        Assert.True(count >= 12, $"only {count} statements");
        for (var i = 0; i < count; i++)
        {
            var statement = statements.Nth(i);
            var id = await statement.GetAttributeAsync("data-statement") ?? "";
            var choice = id.StartsWith(high + "_", StringComparison.Ordinal) ? "Very like us" : "A little like us";
            await statement.GetByRole(AriaRole.Radio, new() { Name = choice }).CheckAsync();
        }
    }

    [Fact]
    public Task Quiz_WhenBothAnswerAlone_ShowsNothingEarlyThenTheSameResultLiveToBoth() => RunAsync(async () =>
    {
        var amal = await CreatePersonAsync("Amal");
        var sam = await CreatePersonAsync("Sam");
        var bondId = await CreateSpaceAsync("Amal and Sam", amal, sam);

        var samHome = await OpenPageAsAsync(sam, Viewport.Desktop);
        await VisitAsync(samHome, $"/spaces/{bondId}");
        var samCard = samHome.Locator("#quiz-card");
        await Expect(samCard).ToContainTextAsync("What's the secret strength of your relationship?");
        var samCardBefore = await samCard.InnerTextAsync();

        // Amal answers alone on a phone, one-handed width.
        var amalPage = await OpenPageAsAsync(amal, Phone390);
        await VisitAsync(amalPage, $"/spaces/{bondId}");
        await amalPage.Locator("#quiz-card").GetByRole(AriaRole.Link, new() { Name = "Take the quiz" }).ClickAsync();
        await Expect(amalPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("The quiz");
        await AssertAccessibleAsync(amalPage);
        await AssertNoHorizontalScrollAsync(amalPage);
        await amalPage.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "quiz-answer-390.png"), FullPage = true });
        await AnswerAllAsync(amalPage, "appreciation");
        await amalPage.GetByRole(AriaRole.Button, new() { Name = "Finish and wait for the result" }).ClickAsync();
        await Expect(amalPage.GetByRole(AriaRole.Heading, new() { Name = "Your answers are in" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(amalPage);

        // Sam's open page shows nothing of it, even after a fresh load.
        await VisitAsync(samHome, $"/spaces/{bondId}");
        Assert.Equal(samCardBefore, await samHome.Locator("#quiz-card").InnerTextAsync());
        await Expect(samHome.GetByRole(AriaRole.Main)).Not.ToContainTextAsync("finished the quiz");
        await AssertAccessibleAsync(samHome);

        // Sam answers on a second tab; both open pages show the result live.
        var samAnswer = await OpenPageAsAsync(sam, Viewport.Desktop);
        await VisitAsync(samAnswer, $"/spaces/{bondId}/quiz/answer");
        await AnswerAllAsync(samAnswer, "appreciation");
        await samAnswer.GetByRole(AriaRole.Button, new() { Name = "Finish and wait for the result" }).ClickAsync();
        var headline = "Your secret strength: Appreciation";
        await Expect(samAnswer.GetByRole(AriaRole.Heading, new() { Name = headline })).ToBeVisibleAsync();
        await AssertAccessibleAsync(samAnswer);
        await Expect(amalPage.GetByRole(AriaRole.Heading, new() { Name = headline })).ToBeVisibleAsync();
        await Expect(samHome.Locator("#quiz-card")).ToContainTextAsync(headline);
        Assert.Equal(await samAnswer.Locator(".quiz-result table").InnerTextAsync(), await amalPage.Locator(".quiz-result table").InnerTextAsync());
        await AssertAccessibleAsync(amalPage);
        await AssertNoHorizontalScrollAsync(amalPage);
        await amalPage.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "quiz-result-390.png"), FullPage = true });

        // A growing edge leads to the practice that grows it.
        await amalPage.GetByRole(AriaRole.Link, new() { Name = "Note a missed moment and repair it together" }).ClickAsync();
        await Expect(amalPage).ToHaveURLAsync(new Uri(Server.BaseUrl, $"/spaces/{bondId}/missed/new").ToString());
    });

    [Fact]
    public Task Quiz_TakenSignedOut_IsCarriedIntoTheFirstSpaceAfterSigningUp() => RunAsync(async () =>
    {
        var email = $"noor-{Guid.NewGuid().ToString("N")[..8]}@example.test";
        var page = await OpenPageAsync(Phone390);
        await VisitAsync(page, "/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Take the quiz" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("What's your relationship's secret strength?");
        await AssertAccessibleAsync(page);
        await AnswerAllAsync(page, "knowing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Keep my answers in this browser" }).ClickAsync();
        await Expect(page.GetByText("Your answers are kept in this browser.")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "quiz-try-390.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign up to invite them" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Create your account");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("What should we call you?").FillAsync("Noor");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your email");
        string link;
        for (var attempt = 0; ; attempt++)
        {
            try { link = LatestEmailLink(email); break; }
            catch (InvalidOperationException) when (attempt < 50) { await Task.Delay(100); }
        }
        await VisitAsync(page, link);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my email" }).ClickAsync();
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).Not.ToHaveTextAsync("Sign in");

        await VisitAsync(page, "/spaces/new");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Partners" }).CheckAsync();
        await page.GetByLabel("What shall we call it?").FillAsync("Noor and Ezra");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the space" }).ClickAsync();
        var bondId = Guid.Parse(new Regex("/spaces/([0-9a-f-]{36})/invite").Match(page.Url).Groups[1].Value);
        await VisitAsync(page, $"/spaces/{bondId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bring my answers over" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your answers are in" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
        // The browser forgets them once they are in the space.
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('corner.quiz.v1')"));
        await VisitAsync(page, $"/spaces/{bondId}");
        await Expect(page.Locator("#quiz-card")).ToContainTextAsync("Your answers are in.");
        await AssertAccessibleAsync(page);
    });
}
