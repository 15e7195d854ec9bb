using System.Net;
using System.Text.Json;
using Corner.IntegrationTests.Support;

namespace Corner.IntegrationTests.Features.CheckIns;

[Collection(AppCollection.Name)]
public sealed class CheckInsRangeTests(CornerAppFactory factory)
{
    [Theory]
    [InlineData("to=0001-01-01")]
    [InlineData("from=0001-01-01&to=0001-01-02")]
    [InlineData("from=9999-12-30")]
    [InlineData("to=9999-12-31")]
    public async Task SharedCheckIns_WithADayAtTheEdgeOfTheCalendar_AnswersAProblem400(string query)
    {
        var ana = await factory.CreatePersonAsync("Ana");
        var ben = await factory.CreatePersonAsync("Ben");
        var bond = await factory.CreateBondAsync(ana, ben);
        var client = await factory.SignedInClientAsync(ana);

        var response = await client.GetAsync($"/api/v1/spaces/{bond}/check-ins?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_range", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }
}
