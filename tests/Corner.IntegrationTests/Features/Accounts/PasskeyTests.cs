using System.Net;
using System.Text.Json;
using Corner.IntegrationTests.Support;
using static Corner.IntegrationTests.Features.Accounts.AccountSteps;

namespace Corner.IntegrationTests.Features.Accounts;

/// <summary>What can be checked without an authenticator: the options, and that nonsense is refused calmly.</summary>
[Collection(AppCollection.Name)]
public sealed class PasskeyTests(CornerAppFactory factory)
{
    private static async Task<HttpResponseMessage> PostWithTokenAsync(HttpClient client, string page, string url, Dictionary<string, string>? form = null)
    {
        var token = await client.AntiforgeryTokenAsync(page);
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form ?? []) };
        request.Headers.Add("X-CSRF-TOKEN", token);
        request.Headers.Add("Origin", "https://localhost");
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task CreationOptions_ForASignedInPerson_AreWebAuthnJson()
    {
        var person = await factory.CreatePersonAsync("Kai");
        var client = await factory.SignedInClientAsync(person);

        var response = await PostWithTokenAsync(client, "/account/passkeys", "/account/passkeys?handler=CreationOptions");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(string.IsNullOrEmpty(json.GetProperty("challenge").GetString()));
        Assert.Equal("Kai", json.GetProperty("user").GetProperty("displayName").GetString());
        Assert.Equal("localhost", json.GetProperty("rp").GetProperty("id").GetString());
    }

    [Fact]
    public async Task AddPasskey_WithGarbage_SaysSoWithoutFailing()
    {
        var person = await factory.CreatePersonAsync();
        var client = await factory.SignedInClientAsync(person);
        await PostWithTokenAsync(client, "/account/passkeys", "/account/passkeys?handler=CreationOptions");

        foreach (var credential in new[] { "{\"id\":\"AAAA\",\"type\":\"public-key\"}", "not json at all", "{}", new string('x', 70_000) })
        {
            var response = await client.SubmitFormAsync("/account/passkeys", new Dictionary<string, string> { ["credential"] = credential, ["name"] = "Mine" },
                formAction: "/account/passkeys?handler=Add");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("couldn&#x27;t add that passkey", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Contains("haven&#x27;t added a passkey", await client.GetStringAsync("/account/passkeys"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasskeysPage_WithoutJavaScript_SaysItIsNeeded()
    {
        var person = await factory.CreatePersonAsync();
        var page = await (await factory.SignedInClientAsync(person)).GetPageAsync("/account/passkeys");

        Assert.Contains("need JavaScript", page.QuerySelector("[data-passkey-needs-js]")!.TextContent, StringComparison.Ordinal);
        Assert.True(page.QuerySelector("form[data-passkey-create]")!.HasAttribute("hidden"));
        Assert.NotNull(page.QuerySelector("script[src^='/js/passkeys.']"));
    }

    [Fact]
    public async Task RemovePasskey_ThatIsNotTheirs_Answers404()
    {
        var person = await factory.CreatePersonAsync();
        var client = await factory.SignedInClientAsync(person);

        var response = await PostWithTokenAsync(client, "/account/passkeys", "/account/passkeys?handler=Remove",
            new Dictionary<string, string> { ["id"] = "AAECAwQFBgcICQ" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PasskeySignIn_OptionsAnswer_AndGarbageIsRefusedCalmly()
    {
        var client = factory.NewClient();

        var options = await PostWithTokenAsync(client, "/account/sign-in", "/account/sign-in?handler=PasskeyOptions");
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(await options.Content.ReadAsStringAsync()).RootElement.GetProperty("challenge").GetString()));

        var response = await PostWithTokenAsync(client, "/account/sign-in", "/account/sign-in?handler=Passkey",
            new Dictionary<string, string> { ["credential"] = "{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\",\"response\":{}}" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("couldn&#x27;t sign you in with that passkey", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await IsSignedInAsync(client));
    }
}
