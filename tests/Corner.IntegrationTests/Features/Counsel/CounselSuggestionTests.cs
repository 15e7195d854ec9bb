using System.Net;
using Corner.IntegrationTests.Data;
using Corner.IntegrationTests.Support;
using Corner.Web.Features.Counsel;

namespace Corner.IntegrationTests.Features.Counsel;

/// <summary>Issue 12, item 5: one suggested practice between sessions, on the space's home until done or put away;
/// the counsellor sees only whether it was tried.</summary>
[Collection(AppCollection.Name)]
public sealed class CounselSuggestionTests(CornerAppFactory factory)
{
    [Fact]
    public async Task ASuggestion_ShowsOnTheHomeUntilDone_AndTheCounsellorSeesOnlyCounts()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var a = await factory.CreatePersonAsync("Sam " + tag);
        var b = await factory.CreatePersonAsync("Alex " + tag);
        var counsellor = await Counsel.CreateCounsellorAsync(factory);
        var space = await factory.CreateSpaceAsync("space-" + tag, a, b);
        var grant = await Counsel.ActiveGrantAsync(factory, space, a, b, counsellor, CounselScopes.Trends);
        var desk = await factory.SignedInClientAsync(counsellor);

        var left = await desk.SubmitFormAsync($"/desk/{grant}", new Dictionary<string, string> { ["Practice"] = "pause", ["Note"] = "Try it once, early" },
            formAction: $"/desk/{grant}?handler=Suggest");
        Assert.Equal(HttpStatusCode.Redirect, left.StatusCode);

        var aClient = await factory.SignedInClientAsync(a);
        var home = await aClient.GetStringAsync($"/spaces/{space}");
        Assert.Contains("Your counsellor suggests for this week: Try the pause signal when one of you feels flooded", home, StringComparison.Ordinal);
        var page = await aClient.GetStringAsync($"/spaces/{space}/counsellor");
        Assert.Contains("Try it once, early", page, StringComparison.Ordinal);

        // A tried it: the counsellor sees the count, never more.
        var tried = await aClient.SubmitFormAsync($"/spaces/{space}/counsellor", new Dictionary<string, string>(),
            formAction: $"/spaces/{space}/counsellor?handler=Tried");
        Assert.Equal(HttpStatusCode.Redirect, tried.StatusCode);
        Assert.Contains("Tried by 1 of 2 so far.", await desk.GetStringAsync($"/desk/{grant}"), StringComparison.Ordinal);

        // B marks it done: it leaves the home, and the counsellor sees that.
        var done = await (await factory.SignedInClientAsync(b)).SubmitFormAsync($"/spaces/{space}/counsellor", new Dictionary<string, string>(),
            formAction: $"/spaces/{space}/counsellor?handler=Done");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.DoesNotContain("Your counsellor suggests", await aClient.GetStringAsync($"/spaces/{space}"), StringComparison.Ordinal);
        Assert.Contains("They marked it done.", await desk.GetStringAsync($"/desk/{grant}"), StringComparison.Ordinal);

        // Closing it again is a clear 409, never a 500.
        var id = await Sql.OwnerScalarAsync<Guid>("select id from counsellor_suggestions where bond_id = $1", space);
        var again = await aClient.PostAsync($"/spaces/{space}/counsellor?handler=Dismiss", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["suggestionId"] = id.ToString(),
            ["__RequestVerificationToken"] = await aClient.AntiforgeryTokenAsync($"/spaces/{space}/counsellor"),
        }));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Theory]
    [InlineData("not-a-practice", "", "Please choose one of the practices")]
    [InlineData("pause", "long", "Please keep the note to 280 characters")]
    [InlineData("pause", "\u0001", "a character in the note that can't be shown")]
    public async Task ABadSuggestion_IsRefusedClearly_AndKeepsTheNote(string practice, string note, string message)
    {
        var a = await factory.CreatePersonAsync();
        var b = await factory.CreatePersonAsync();
        var counsellor = await Counsel.CreateCounsellorAsync(factory);
        var space = await factory.CreateSpaceAsync("space", a, b);
        var grant = await Counsel.ActiveGrantAsync(factory, space, a, b, counsellor, CounselScopes.Trends);
        var typed = note == "long" ? new string('w', 281) : "keep this " + note;

        var response = await (await factory.SignedInClientAsync(counsellor)).SubmitFormAsync($"/desk/{grant}",
            new Dictionary<string, string> { ["Practice"] = practice, ["Note"] = typed }, formAction: $"/desk/{grant}?handler=Suggest");
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, body, StringComparison.Ordinal);
        Assert.Contains(typed.Replace("\u0001", "", StringComparison.Ordinal).TrimEnd(), body, StringComparison.Ordinal);
        Assert.Equal(0L, await Sql.OwnerScalarAsync<long>("select count(*) from counsellor_suggestions where bond_id = $1", space));
    }

    [Fact]
    public async Task AfterRevocation_TheCounsellorCannotSuggest_AndTheSuggestionLeavesTheHome()
    {
        var a = await factory.CreatePersonAsync();
        var b = await factory.CreatePersonAsync();
        var counsellor = await Counsel.CreateCounsellorAsync(factory);
        var space = await factory.CreateSpaceAsync("space", a, b);
        var grant = await Counsel.ActiveGrantAsync(factory, space, a, b, counsellor, CounselScopes.Trends);
        var desk = await factory.SignedInClientAsync(counsellor);
        await desk.SubmitFormAsync($"/desk/{grant}", new Dictionary<string, string> { ["Practice"] = "map" }, formAction: $"/desk/{grant}?handler=Suggest");
        var token = await desk.AntiforgeryTokenAsync("/desk");

        await Counsel.RevokeAsync(factory, space, b, grant);

        var refused = await desk.PostAsync($"/desk/{grant}?handler=Suggest", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Practice"] = "pause",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain("Your counsellor suggests", await (await factory.SignedInClientAsync(a)).GetStringAsync($"/spaces/{space}"), StringComparison.Ordinal);
        Assert.Equal(1L, await Sql.OwnerScalarAsync<long>("select count(*) from counsellor_suggestions where bond_id = $1", space));
    }
}
