using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Corner.IntegrationTests.Support;
using static Corner.IntegrationTests.Features.Accounts.AccountSteps;

namespace Corner.IntegrationTests.Features.Accounts;

/// <summary>Whether an address has an account must never show in how sign-in answers.</summary>
[Collection(AppCollection.Name)]
public sealed class SignInSameAnswerTests(CornerAppFactory factory)
{
    private async Task<IReadOnlyList<string>> PageAnswersAsync(string email)
    {
        var client = factory.NewClient();
        var answers = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var response = await SignInAsync(client, email, "wrong guess number " + i);
            var body = await response.Content.ReadAsStringAsync();
            answers.Add($"{(int)response.StatusCode} {(body.Contains("paused for a little while", StringComparison.Ordinal) ? "paused" : body.Contains("match an account", StringComparison.Ordinal) ? "no match" : "other")}");
        }
        return answers;
    }

    private async Task<IReadOnlyList<string>> TokenAnswersAsync(string email)
    {
        var client = factory.NewClient();
        var answers = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = "wrong " + i });
            var reason = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString();
            answers.Add($"{(int)response.StatusCode} {reason}");
        }
        return answers;
    }

    [Fact]
    public async Task SignIn_RepeatedWrongPasswords_AnswerTheSameForAnAccountAndForAnAddressWithNone()
    {
        var person = await factory.CreatePersonAsync();

        var existing = await PageAnswersAsync(person.Email);
        var unknown = await PageAnswersAsync(NewEmail());

        Assert.Contains("200 paused", existing);
        Assert.Equal(existing, unknown);
    }

    [Fact]
    public async Task Token_RepeatedWrongPasswords_AnswerTheSameForAnAccountAndForAnAddressWithNone()
    {
        var person = await factory.CreatePersonAsync();

        var existing = await TokenAnswersAsync(person.Email);
        var unknown = await TokenAnswersAsync(NewEmail());

        Assert.Contains("401 LockedOut", existing);
        Assert.Equal(existing, unknown);
    }
}
