using System.Net.Http.Json;
using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Corner.Web.Features.CheckIns;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Features.CheckIns;

/// <summary>Setup the check-in tests share: two people in a space, and filling in the check-in form.</summary>
public static class CheckInsTestKit
{
    public static Task<Guid> CreateBondAsync(this CornerAppFactory factory, TestPerson first, TestPerson second, string name = "Our corner") =>
        factory.CreateSpaceAsync(name, first, second);

    public static Task SetTimeZoneAsync(this CornerAppFactory factory, TestPerson person, string zone) =>
        factory.InScopeAsync(null, async sp =>
        {
            var db = sp.GetRequiredService<CornerDbContext>();
            return await db.Users.Where(p => p.Id == person.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.TimeZone, zone));
        });

    /// <summary>Fills in /check-in as a person would: ticks feelings, picks intensity, types a note, shares.</summary>
    public static Task<HttpResponseMessage> CheckInThroughFormAsync(this HttpClient client, string[] surface, string? note,
        Guid? shareWith = null, int intensity = 3, int supported = 4, string[]? underlying = null, string page = "/check-in")
    {
        var fields = new List<KeyValuePair<string, string>>();
        fields.AddRange(surface.Select(f => new KeyValuePair<string, string>("Surface", f)));
        fields.AddRange((underlying ?? []).Select(f => new KeyValuePair<string, string>("Underlying", f)));
        fields.Add(new("Intensity", intensity.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        fields.Add(new("Note", note ?? ""));
        // Without shareWith, nothing is added: on a first check-in no space is ticked, so it stays private.
        if (shareWith is { } bondId)
        {
            fields.Add(new("ShareWith", bondId.ToString()));
            fields.Add(new($"Supported[{bondId}]", supported.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return client.SubmitFormAsync(page, fields, form => form.QuerySelector("[name=Intensity]") is not null);
    }

    public static async Task<string> BodyAsync(this HttpResponseMessage response) => await response.Content.ReadAsStringAsync();

    public static Task<HttpResponseMessage> PostApiCheckInAsync(this HttpClient client, object body) =>
        client.PostAsJsonAsync("/api/v1/check-ins", body);

    public static object ApiCheckIn(string[] surface, string? note = null, Guid? shareWith = null, int intensity = 3, int supported = 4) => new
    {
        surface,
        underlying = Array.Empty<string>(),
        intensity,
        note,
        shares = shareWith is { } id ? new[] { new { spaceId = id, supported } } : [],
    };

    public static async Task<Guid> MyCheckInIdAsync(this CornerAppFactory factory, TestPerson person) =>
        await factory.InScopeAsync(person.Id, async sp =>
            await sp.GetRequiredService<CornerDbContext>().Set<CheckIn>().Where(c => c.PersonId == person.Id)
                .OrderByDescending(c => c.LocalDate).Select(c => c.Id).FirstAsync());
}
