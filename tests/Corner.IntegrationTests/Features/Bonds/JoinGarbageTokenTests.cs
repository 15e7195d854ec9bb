using System.Net;
using System.Net.Http.Json;
using Corner.IntegrationTests.Support;

namespace Corner.IntegrationTests.Features.Bonds;

[Collection(AppCollection.Name)]
public sealed class JoinGarbageTokenTests(CornerAppFactory factory)
{
    public static TheoryData<string> GarbageTokens => new()
    {
        "x",
        new string('A', 43),
        new string('A', 42) + "!",
        "====",
        "שלום-مرحبا-😀-\u202e",
        "\0\0\0",
        "<script>alert(1)</script>",
        new string('z', 5000),
        new string('A', 44),
        "a b c",
        "..%2F..%2Fetc",
    };

    [Theory]
    [MemberData(nameof(GarbageTokens))]
    public async Task Join_WithAGarbageToken_NeverFailsOnTheServer(string token)
    {
        var anonymous = factory.NewClient();
        var signedIn = await factory.SignedInClientAsync(await factory.CreatePersonAsync());

        var responses = new List<HttpResponseMessage> { await signedIn.PostAsJsonAsync("/api/v1/invitations/redeem", new { token }) };
        // A NUL can't be put in a URL at all (the test client refuses, Kestrel answers 400), only in a body.
        if (!token.Contains('\0', StringComparison.Ordinal))
        {
            responses.Add(await anonymous.GetAsync("/join/" + Uri.EscapeDataString(token)));
            responses.Add(await signedIn.GetAsync("/join/" + Uri.EscapeDataString(token)));
            responses.Add(await Spaces.JoinAsync(signedIn, token));
        }

        foreach (var response in responses)
        {
            Assert.InRange((int)response.StatusCode, 400, 499);
            Assert.DoesNotContain("<script>alert", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Empty(await Spaces.ApiListAsync(signedIn));
    }

    [Fact]
    public async Task Redeem_WithAMissingOrWronglyTypedToken_AnswersBadRequestOrNotFound()
    {
        var client = await factory.SignedInClientAsync(await factory.CreatePersonAsync());

        var missing = await client.PostAsJsonAsync("/api/v1/invitations/redeem", new { });
        var number = await client.PostAsync("/api/v1/invitations/redeem", new StringContent("{\"token\":42}", System.Text.Encoding.UTF8, "application/json"));
        var broken = await client.PostAsync("/api/v1/invitations/redeem", new StringContent("{", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, number.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
    }

    [Fact]
    public async Task JoinPage_WhenOpenedTooOften_IsRateLimited()
    {
        using var limited = CornerAppFactory.WithSettings(new Dictionary<string, string?> { ["Corner:RateLimits:invitation-redemption"] = "3" });
        var client = limited.NewClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await client.GetAsync("/join/" + new string('A', 43))).StatusCode);

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }
}
