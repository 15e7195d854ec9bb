using Corner.IntegrationTests.Support;
using Corner.Web.Features.Counsel;
using Microsoft.Extensions.DependencyInjection;
using CounselSteps = Corner.IntegrationTests.Features.Counsel.Counsel;

namespace Corner.IntegrationTests.Security;

/// <summary>The outside view's part of the harness: the members' counsellor page and API, and the counsellor's desk,
/// which the world's own counsellor reads (<see cref="Recipe.Reader"/>).</summary>
public sealed partial class AuthorizationHarnessTests
{
    private static readonly Dictionary<string, string> PlausibleGrantForm = new()
    {
        ["Form.Email"] = "someone@example.test",
        ["Form.Scopes"] = "check-ins",
        ["Form.VisibleFrom"] = "2020-01-01",
        ["Form.ExpiresOn"] = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["Form.ShownAs"] = "Renamed by someone else",
    };

    private static object PlausibleGrantJson(int baseVersion = 0) => new
    {
        email = "someone@example.test",
        scopes = new[] { "check-ins" },
        visibleFrom = "2020-01-01",
        expiresOn = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        shownAs = "Renamed by someone else",
        baseVersion,
    };

    private static HarnessFeature Counsel => new(
        [
            new("GET", "/spaces/{bondId}/counsellor") { VictimMarker = v => v.Canary("canary-shown-") },
            new("POST", "/spaces/{bondId}/counsellor", "propose") { Form = _ => PlausibleGrantForm },
            new("POST", "/spaces/{bondId}/counsellor", "change")
            {
                Form = v => new(PlausibleGrantForm) { ["Change"] = v.Id("grantId").ToString(), ["BaseVersion"] = "1" },
            },
            new("POST", "/spaces/{bondId}/counsellor", "consent") { Form = v => new() { ["grantId"] = v.Id("grantId").ToString(), ["version"] = "1" } },
            new("POST", "/spaces/{bondId}/counsellor", "revoke") { Form = v => new() { ["grantId"] = v.Id("grantId").ToString() } },
            new("GET", "/api/v1/spaces/{bondId}/counsellor-grants") { VictimMarker = v => v.Canary("canary-shown-") },
            new("POST", "/api/v1/spaces/{bondId}/counsellor-grants") { Json = _ => PlausibleGrantJson() },
            new("PUT", "/api/v1/spaces/{bondId}/counsellor-grants/{grantId}") { Json = _ => PlausibleGrantJson(1) },
            new("POST", "/api/v1/spaces/{bondId}/counsellor-grants/{grantId}/consent") { Json = _ => new { version = 1 } },
            new("POST", "/api/v1/spaces/{bondId}/counsellor-grants/{grantId}/revoke") { Json = _ => new { } },
            new("GET", "/desk/{grantId}") { Reader = v => v.People["counsellor"], VictimMarker = v => v.CheckInNote },
            new("POST", "/desk/{grantId}", "suggest") { Reader = v => v.People["counsellor"], Form = _ => new() { ["Practice"] = "pause", ["Note"] = "left by someone else" } },
            new("GET", "/api/v1/desk/{grantId}/suggestion") { Reader = v => v.People["counsellor"], VictimMarker = v => v.Canary("canary-suggestion-") },
            new("POST", "/api/v1/desk/{grantId}/suggestion") { Reader = v => v.People["counsellor"], Json = _ => new { practice = "pause", note = "left by someone else" } },
            new("GET", "/api/v1/spaces/{bondId}/counsellor-suggestions") { VictimMarker = v => v.Canary("canary-suggestion-") },
            new("POST", "/api/v1/spaces/{bondId}/counsellor-suggestions/{suggestionId}/tried") { Json = _ => new { } },
            new("POST", "/api/v1/spaces/{bondId}/counsellor-suggestions/{suggestionId}/done") { Json = _ => new { } },
            new("POST", "/api/v1/spaces/{bondId}/counsellor-suggestions/{suggestionId}/dismiss") { Json = _ => new { } },
            new("POST", "/spaces/{bondId}/counsellor", "tried") { Form = v => new() { ["suggestionId"] = v.Id("suggestionId").ToString() } },
            new("POST", "/spaces/{bondId}/counsellor", "done") { Form = v => new() { ["suggestionId"] = v.Id("suggestionId").ToString() } },
            new("POST", "/spaces/{bondId}/counsellor", "dismiss") { Form = v => new() { ["suggestionId"] = v.Id("suggestionId").ToString() } },
            new("GET", "/api/v1/desk/{grantId}") { Reader = v => v.People["counsellor"], VictimMarker = v => v.CheckInNote },
        ],
        SeedCounselAsync,
        """
        select 'counsellor grant ' || g::text from counsellor_grants g where g.bond_id = $1
        union all select 'counsellor consent ' || c::text from counsellor_consents c where c.bond_id = $1
        union all select 'counsellor suggestion ' || s::text from counsellor_suggestions s where s.bond_id = $1
        """);

    /// <summary>A counsellor with a grant of every scope that A proposed and B agreed to; its name and purpose are canaries.</summary>
    private static async Task SeedCounselAsync(CornerAppFactory factory, Victims world)
    {
        var shownAs = "canary-shown-" + Guid.NewGuid().ToString("N")[..20];
        world.Canaries.Add(shownAs);
        var counsellor = await CounselSteps.CreateCounsellorAsync(factory, "Counsellor " + Guid.NewGuid().ToString("N")[..8]);
        world.People["counsellor"] = counsellor;
        var grant = await CounselSteps.ProposeAsync(factory, world.Space, world.A,
            CounselSteps.Input([.. CounselSteps.AllScopes], from: new DateOnly(2020, 1, 1), shownAs: shownAs));
        Assert.Null(await CounselSteps.ConsentAsync(factory, world.Space, world.B, grant.Id));
        Assert.Null(await CounselSteps.TakeAsync(factory, counsellor, grant.Token));
        world.Ids["grantId"] = grant.Id;
        var note = "canary-suggestion-" + Guid.NewGuid().ToString("N")[..20];
        world.Canaries.Add(note);
        world.Ids["suggestionId"] = await factory.InScopeAsync(counsellor.Id, async sp =>
            (await sp.GetRequiredService<CounselSuggestions>().SuggestAsync(counsellor.Id, grant.Id, "pause", note)).Id!.Value);
    }
}
