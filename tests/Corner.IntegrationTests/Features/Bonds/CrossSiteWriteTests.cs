using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Corner.IntegrationTests.Support;

namespace Corner.IntegrationTests.Features.Bonds;

[Collection(AppCollection.Name)]
public sealed class CrossSiteWriteTests(CornerAppFactory factory)
{
    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("null")]
    [InlineData(null)]
    public async Task Leave_WithOnlyTheCookieFromAnotherOrigin_IsRefusedAndTheSpaceStays(string? origin)
    {
        var alex = await factory.CreatePersonAsync("Alex");
        var sam = await factory.CreatePersonAsync("Sam");
        var bond = await factory.CreateSpaceAsync("Stays", alex, sam);
        var client = await factory.SignedInClientAsync(alex);
        client.DefaultRequestHeaders.Remove("Origin");
        if (origin is not null)
            client.DefaultRequestHeaders.Add("Origin", origin);

        var response = await client.PostAsync($"/api/v1/spaces/{bond}/leave", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("cross_site_write", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/spaces/{bond}")).StatusCode);
    }

    [Fact]
    public async Task Leave_WithTheCookieAndCornersOwnOrigin_Leaves()
    {
        var alex = await factory.CreatePersonAsync("Alex");
        var sam = await factory.CreatePersonAsync("Sam");
        var bond = await factory.CreateSpaceAsync("Goes", alex, sam);
        var client = await factory.SignedInClientAsync(alex);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/v1/spaces/{bond}/leave", null)).StatusCode);
    }

    [Fact]
    public async Task Leave_WithABearerTokenAndAForeignOrigin_IsUnaffected()
    {
        var alex = await factory.CreatePersonAsync("Alex");
        var sam = await factory.CreatePersonAsync("Sam");
        var bond = await factory.CreateSpaceAsync("Bearer", alex, sam);
        var client = factory.NewClient();
        var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = alex.Email, password = alex.Password });
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Remove("Origin");
        client.DefaultRequestHeaders.Add("Origin", "https://evil.example");
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/v1/spaces/{bond}/leave", null)).StatusCode);
    }
}
