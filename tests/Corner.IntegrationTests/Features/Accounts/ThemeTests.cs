using System.Net;
using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Features.Accounts;

/// <summary>Light, dark or like the device: a choice kept per person (migration 0020), shown on every page.</summary>
[Collection(AppCollection.Name)]
public sealed class ThemeTests(CornerAppFactory factory)
{
    private static string? ThemeOf(string html) => Html.Parse(html).DocumentElement.GetAttribute("data-theme");

    private Task<string> StoredAsync(TestPerson person) => factory.InScopeAsync(person.Id, sp =>
        sp.GetRequiredService<CornerDbContext>().Users.Where(p => p.Id == person.Id).Select(p => p.Theme).SingleAsync());

    [Fact]
    public async Task Theme_WhenDarkIsSaved_IsStoredForThePersonAndEveryPageIsDark()
    {
        var robin = await factory.CreatePersonAsync("Robin Theme");
        var client = await factory.SignedInClientAsync(robin);
        Assert.Equal("system", ThemeOf(await client.GetStringAsync("/")));

        var saved = await client.SubmitFormAsync("/account", new Dictionary<string, string> { ["Theme"] = "dark" }, "/account?handler=Theme");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("dark", await StoredAsync(robin));
        var home = await client.GetStringAsync("/");
        Assert.Equal("dark", ThemeOf(home));
        Assert.Contains("<meta name=\"color-scheme\" content=\"dark\">", home, StringComparison.Ordinal);
        // A fresh sign-in elsewhere carries the same choice.
        Assert.Equal("dark", ThemeOf(await (await factory.SignedInClientAsync(robin)).GetStringAsync("/account")));
    }

    [Fact]
    public async Task Theme_WhenTheValueIsUnknown_SaysSoAndKeepsTheOldChoice()
    {
        var robin = await factory.CreatePersonAsync("Robin Odd Theme");
        var client = await factory.SignedInClientAsync(robin);

        var saved = await client.SubmitFormAsync("/account", new Dictionary<string, string> { ["Theme"] = "purple<script>" }, "/account?handler=Theme");

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("Choose one of the three.", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("system", await StoredAsync(robin));
    }
}
