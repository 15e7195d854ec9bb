using System.Net;
using Corner.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Infrastructure;

public sealed class RequestTransactionTests : IDisposable
{
    // Validate the security stamp on every request, so the check runs on the requests below.
    private readonly CornerAppFactory _factory = CornerAppFactory.WithSettings(new Dictionary<string, string?>
    {
        ["Corner:SecurityStampInterval"] = "00:00:00",
    });

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("/health/live")]          // runs without a request transaction
    [InlineData("/no-such-page-at-all")]  // no endpoint, so no request transaction either
    public async Task SignedInPerson_AfterARequestWithoutTransaction_StaysSignedIn(string path)
    {
        var person = await _factory.CreatePersonAsync("Noor");
        var client = await _factory.SignedInClientAsync(person);

        var first = await client.GetAsync(path);
        var home = await client.GetAsync("/");

        Assert.False(first.Headers.TryGetValues("Set-Cookie", out var cookies)
            && cookies.Any(c => c.StartsWith("__Host-corner=;", StringComparison.Ordinal)), "the sign-in cookie was cleared");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Your spaces", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedInPerson_WhenTheirStampChanges_IsSignedOutOnTheNextRequest()
    {
        var person = await _factory.CreatePersonAsync("Ines");
        var client = await _factory.SignedInClientAsync(person);
        Assert.Contains("Your spaces", await client.GetStringAsync("/"), StringComparison.Ordinal);

        await _factory.InScopeAsync(person.Id, async sp =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Corner.Web.Data.Person>>();
            await users.UpdateSecurityStampAsync((await users.FindByIdAsync(person.Id.ToString()))!);
            return 0;
        });

        Assert.DoesNotContain("Your spaces", await client.GetStringAsync("/"), StringComparison.Ordinal);
    }
}
