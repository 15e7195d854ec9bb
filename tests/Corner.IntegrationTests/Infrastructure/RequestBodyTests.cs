using System.Net;
using System.Text;
using System.Text.Json;
using Corner.IntegrationTests.Support;

namespace Corner.IntegrationTests.Infrastructure;

[Collection(AppCollection.Name)]
public sealed class RequestBodyTests(CornerAppFactory factory)
{
    private static StringContent Klingon(string json = "{}")
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=klingon");
        return content;
    }

    [Fact]
    public async Task TokenSignIn_WithAnUnknownCharset_AnswersAProblem400()
    {
        var response = await factory.NewClient().PostAsync("/api/v1/auth/token", Klingon("{\"email\":\"a@example.test\",\"password\":\"x\"}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(400, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task EveryJsonWrite_WithAnUnknownCharset_AnswersBadRequestNeverAServerError()
    {
        var client = await factory.SignedInClientAsync(await factory.CreatePersonAsync());
        var endpoints = ApiRoutes.All(factory).Where(x => x.Method is "POST" or "PUT" or "PATCH" or "DELETE").ToList();
        Assert.NotEmpty(endpoints);

        var wrong = new List<string>();
        foreach (var (method, endpoint) in endpoints)
        {
            var path = ApiRoutes.SamplePath(endpoint.RoutePattern);
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Klingon() };
            var response = await client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.BadRequest)
                wrong.Add($"{method} {path} → {(int)response.StatusCode}");
        }
        Assert.Empty(wrong);
    }
}
