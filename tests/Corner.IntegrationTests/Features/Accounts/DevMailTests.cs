using System.Net;
using Corner.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;
using static Corner.IntegrationTests.Features.Accounts.AccountSteps;

namespace Corner.IntegrationTests.Features.Accounts;

[Collection(AppCollection.Name)]
public sealed class DevMailTests(CornerAppFactory factory)
{
    private sealed class DevelopmentFactory() : CornerAppFactory(new Dictionary<string, string?>())
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Development");
        }
    }

    [Fact]
    public async Task DevMail_OutsideDevelopment_IsNotFound()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await factory.NewClient().GetAsync("/dev/mail")).StatusCode);
    }

    [Fact]
    public async Task DevMail_InDevelopment_ListsTheEmailsWithClickableLinks()
    {
        await using var app = new DevelopmentFactory();
        var client = app.NewClient();
        var empty = await client.GetPageAsync("/dev/mail");
        Assert.NotNull(empty.QuerySelector(".empty-state"));

        var email = NewEmail();
        var registered = await RegisterAsync(client, email);
        var checkEmail = await client.GetPageAsync(Location(registered));
        Assert.NotNull(checkEmail.QuerySelector("a[href='/dev/mail']"));

        var page = await client.GetPageAsync("/dev/mail");
        Assert.Contains(email, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Confirm your email for Corner", page.Body.TextContent, StringComparison.Ordinal);
        var link = page.QuerySelectorAll("a").Select(a => a.GetAttribute("href") ?? "").Single(h => h.Contains("/account/confirm-email", StringComparison.Ordinal));
        Assert.StartsWith("https://localhost/account/confirm-email?userId=", link, StringComparison.Ordinal);
    }
}
