using System.Net;
using Corner.IntegrationTests.Features.CheckIns;
using Corner.IntegrationTests.Support;

namespace Corner.IntegrationTests.Infrastructure;

[Collection(AppCollection.Name)]
public sealed class NullByteFormTests(CornerAppFactory factory)
{
    [Fact]
    public async Task CheckInForm_WithANullByteInTheNote_ExplainsAndKeepsWhatWasTyped()
    {
        var person = await factory.CreatePersonAsync("Null Byte");
        var client = await factory.SignedInClientAsync(person);

        var response = await client.CheckInThroughFormAsync(["peaceful.calm"], "kept words \0 and more ✨");
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("hidden character", body, StringComparison.Ordinal);
        Assert.Contains("kept words", body, StringComparison.Ordinal);
        Assert.Contains("and more ✨", body, StringComparison.Ordinal);
    }
}
