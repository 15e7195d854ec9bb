using System.Net.Http.Json;
using System.Text.Json;
using Corner.IntegrationTests.Support;

namespace Corner.IntegrationTests.Features.PartnerMap;

/// <summary>Two people in a space, and the map's forms and API as they would use them.</summary>
public static class PartnerMapTestKit
{
    public static async Task<(TestPerson Ana, TestPerson Ben, Guid BondId, HttpClient AnaClient, HttpClient BenClient)> CoupleAsync(
        this CornerAppFactory factory, string space = "Ana and Ben")
    {
        var ana = await factory.CreatePersonAsync("Ana");
        var ben = await factory.CreatePersonAsync("Ben");
        var bondId = await factory.CreateSpaceAsync(space, ana, ben);
        return (ana, ben, bondId, await factory.SignedInClientAsync(ana), await factory.SignedInClientAsync(ben));
    }

    public static string QuestionPage(Guid bondId, string question) => $"/spaces/{bondId}/map/question?q={question}";

    /// <summary>Submits one of the question page's forms ("Self", "Guess", "Compare") with these fields.</summary>
    public static Task<HttpResponseMessage> SubmitMapFormAsync(this HttpClient client, Guid bondId, string question, string handler,
        params (string Name, string Value)[] fields) =>
        client.SubmitFormAsync(QuestionPage(bondId, question), fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList(),
            form => (form.GetAttribute("action") ?? "").Contains("handler=" + handler, StringComparison.Ordinal));

    public static Task<HttpResponseMessage> AnswerApiAsync(this HttpClient client, Guid bondId, object body) =>
        client.PostAsJsonAsync($"/api/v1/spaces/{bondId}/map/answers", body);

    public static Task<HttpResponseMessage> GuessApiAsync(this HttpClient client, Guid bondId, object body) =>
        client.PostAsJsonAsync($"/api/v1/spaces/{bondId}/map/guesses", body);

    public static Task<HttpResponseMessage> CompareApiAsync(this HttpClient client, Guid bondId, Guid guessId, object body) =>
        client.PostAsJsonAsync($"/api/v1/spaces/{bondId}/map/guesses/{guessId}/compare", body);

    public static async Task<Guid> IdOfAsync(this HttpResponseMessage response) =>
        (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

    public static async Task<string?> CodeOfAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("code", out var code) ? code.GetString() : null;

    /// <summary>One question of the caller's map from the API.</summary>
    public static async Task<JsonElement> MapQuestionAsync(this HttpClient client, Guid bondId, string question)
    {
        var map = await client.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/map");
        return map.GetProperty("areas").EnumerateArray().SelectMany(a => a.GetProperty("questions").EnumerateArray())
            .Single(q => q.GetProperty("id").GetString() == question);
    }

    /// <summary>The visible text of everything matching <paramref name="selector"/>.</summary>
    public static string Text(string html, string selector) =>
        string.Join("\n", Html.Parse(html).QuerySelectorAll(selector).Select(e => e.TextContent));
}
