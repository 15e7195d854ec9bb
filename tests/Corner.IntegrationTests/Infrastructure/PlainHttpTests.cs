using System.Net;
using System.Text.RegularExpressions;
using Corner.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Corner.IntegrationTests.Infrastructure;

/// <summary>script/server serves http://localhost:5080: forms and sign-in must work there too,
/// with every cookie still Secure (browsers accept Secure cookies from localhost).</summary>
[Collection(AppCollection.Name)]
public sealed partial class PlainHttpTests(CornerAppFactory factory)
{
    private HttpClient PlainClient() => factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("http://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = false,
    });

    [Fact]
    public async Task SignIn_OverPlainHttpOnLocalhost_WorksAndEveryCookieIsSecure()
    {
        var person = await factory.CreatePersonAsync("Plain Http");
        var client = PlainClient();

        var page = await client.GetAsync("/account/sign-in");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var cookies = page.Headers.GetValues("Set-Cookie").ToList();
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        var antiforgeryCookie = cookies.Single(c => c.StartsWith("__Host-corner-af=", StringComparison.Ordinal)).Split(';')[0];
        var token = TokenPattern().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;

        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = new FormUrlEncodedContent([
                new("Input.Email", person.Email), new("Input.Password", person.Password), new("__RequestVerificationToken", token)]),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        var signedIn = await client.SendAsync(post);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var authCookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-corner=", StringComparison.Ordinal));
        Assert.Contains("secure", authCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", authCookie, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
