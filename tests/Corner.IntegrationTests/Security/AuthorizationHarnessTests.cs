using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Corner.IntegrationTests.Data;
using Corner.IntegrationTests.Support;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.CheckIns;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Security;

/// <summary>
/// docs/architecture.md, the attacker/victim harness. Every route whose pattern names a bond or a bond-owned
/// resource ({bondId}, {invitationId}, any {…Id}) is found in the app's endpoint data source and must
/// have a recipe in <see cref="Registry"/>; each recipe is then tried with the victim's ids by a member
/// of another space (expects 404, no victim text, victim's data unchanged) and by an anonymous visitor,
/// and each GET is tried by the victim (who must see their space, so the test can fail).
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class AuthorizationHarnessTests(CornerAppFactory factory)
{
    /// <summary>How to exercise a route. Patterns match loosely: constraints and slashes are ignored.</summary>
    public sealed record Recipe(string Method, string Pattern, string Handler = "")
    {
        /// <summary>Form fields for a page POST (the antiforgery token is added).</summary>
        public Func<Victims, Dictionary<string, string>>? Form { get; init; }

        /// <summary>JSON body for an API call.</summary>
        public Func<Victims, object>? Json { get; init; }

        /// <summary>Who reads the route as its rightful reader: B unless set (the space's counsellor for the desk).</summary>
        public Func<Victims, TestPerson>? Reader { get; init; }

        /// <summary>What the victim's own GET must show besides (or instead of) the space's name.</summary>
        public Func<Victims, string>? VictimMarker { get; init; }

        public string Key => OperationKey(Method, Pattern, Handler);
        public bool IsApi => Normalize(Pattern).StartsWith("api/", StringComparison.Ordinal);
        public override string ToString() => Key;
    }

    /// <summary>The victims' space and what is in it, and the attacker with a space of their own.</summary>
    public sealed record Victims(TestPerson A, TestPerson B, Guid Space, string SpaceName, Guid Invitation,
        TestPerson Attacker, Guid AttackerSpace, Guid AttackerInvitation, Guid CheckIn, string CheckInNote, Guid Reflection)
    {
        /// <summary>Ids the features put in the victims' space, by route parameter name in lower case ("momentid").</summary>
        public Dictionary<string, Guid> Ids { get; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>Other people of the world by role ("counsellor").</summary>
        public Dictionary<string, TestPerson> People { get; } = new(StringComparer.Ordinal);

        /// <summary>Texts the victims wrote that must never reach the attacker or an anonymous visitor.</summary>
        public List<string> Canaries { get; } = [];

        /// <summary>The victims' text that starts with <paramref name="prefix"/> (each feature names its canaries).</summary>
        public string Canary(string prefix) => Canaries.First(c => c.StartsWith(prefix, StringComparison.Ordinal));

        public Guid Id(string name) => Ids.TryGetValue(name, out var id) ? id
            : throw new InvalidOperationException($"No feature put a victim value for {{{name}}} in the world.");
    }

    /// <summary>
    /// A feature's part of the harness, kept in its own file (AuthorizationHarnessTests.Feature.cs): its scoped
    /// routes, what it puts in the victims' space (ids in <see cref="Victims.Ids"/>, texts in
    /// <see cref="Victims.Canaries"/>), and a query over its tables for the snapshot: a <c>select … union all …</c>
    /// of text rows where <c>$1</c> is the victims' space id.
    /// </summary>
    public sealed record HarnessFeature(Recipe[] Recipes, Func<CornerAppFactory, Victims, Task> SeedAsync, string SnapshotSql);

    /// <summary>Every feature's part: each static <see cref="HarnessFeature"/> property of this class, found by reflection,
    /// so a feature adds its part in its own file (AuthorizationHarnessTests.Feature.cs) and edits nothing here.</summary>
    private static HarnessFeature[] Features =>
    [
        .. typeof(AuthorizationHarnessTests)
            .GetProperties(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)
            .Where(p => p.PropertyType == typeof(HarnessFeature))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => (HarnessFeature)p.GetValue(null)!),
    ];

    private static readonly Dictionary<string, string> PlausibleSpaceForm = new()
    {
        ["Name"] = "Renamed by someone else",
        ["Input.Name"] = "Renamed by someone else",
        ["Email"] = "stranger@example.test",
        ["Input.Email"] = "stranger@example.test",
        ["Confirm"] = "true",
        ["Input.Confirm"] = "true",
    };

    /// <summary>Every scoped route the app has, or is about to have. A new route needs a line here.</summary>
    public static Recipe[] Registry => [.. CoreRecipes, .. Features.SelectMany(f => f.Recipes)];

    private static Recipe[] CoreRecipes =>
    [
        new("GET", "/api/v1/spaces/{bondId}"),
        new("GET", "/spaces/{bondId}"),
        new("GET", "/spaces/{bondId}/invite"),
        new("GET", "/spaces/{bondId}/leave"),
        new("POST", "/spaces/{bondId}/leave") { Form = _ => PlausibleSpaceForm },
        new("POST", "/api/v1/spaces/{bondId}/invitations") { Json = _ => new { email = "stranger@example.test" } },
        new("GET", "/api/v1/spaces/{bondId}/invitations") { VictimMarker = v => v.Invitation.ToString() },
        new("POST", "/api/v1/spaces/{bondId}/invitations/{invitationId}/revoke") { Json = _ => new { } },
        new("POST", "/api/v1/spaces/{bondId}/leave") { Json = _ => new { } },
        new("POST", "/spaces/{bondId}/invite", "create") { Form = _ => PlausibleSpaceForm },
        new("POST", "/spaces/{bondId}/invite", "revoke") { Form = v => new(PlausibleSpaceForm) { ["invitationId"] = v.Invitation.ToString() } },
        new("GET", "/spaces/{bondId}/check-ins") { VictimMarker = v => v.CheckInNote },
        new("POST", "/spaces/{bondId}/check-ins", "reflect")
        {
            Form = v => new() { ["checkInId"] = v.CheckIn.ToString(), ["feeling"] = "sad.lonely", ["words"] = "not yours to read" },
        },
        new("POST", "/spaces/{bondId}/check-ins", "answer")
        {
            Form = v => new() { ["reflectionId"] = v.Reflection.ToString(), ["answer"] = "not_quite" },
        },
        new("POST", "/spaces/{bondId}/check-ins", "seen") { Form = _ => new() { ["at"] = "2026-01-01T00:00:00Z" } },
        new("POST", "/spaces/{bondId}/check-ins", "stopsharing") { Form = v => new() { ["checkInId"] = v.CheckIn.ToString() } },
        new("POST", "/spaces/{bondId}/check-ins", "takebacknote") { Form = v => new() { ["checkInId"] = v.CheckIn.ToString() } },
        new("POST", "/spaces/{bondId}/check-ins", "takebackreflection") { Form = v => new() { ["reflectionId"] = v.Reflection.ToString() } },
        new("GET", "/spaces/{bondId}/check-ins/trends"),
        new("GET", "/api/v1/spaces/{bondId}/check-ins") { VictimMarker = v => v.CheckInNote },
        new("POST", "/api/v1/spaces/{bondId}/check-ins/{checkInId}/reflections") { Json = _ => new { feeling = "sad.lonely", words = "not yours" } },
        new("POST", "/api/v1/spaces/{bondId}/reflections/{reflectionId}/answer") { Json = _ => new { answer = "not_quite" } },
        new("DELETE", "/api/v1/spaces/{bondId}/check-ins/{checkInId}"),
        new("DELETE", "/api/v1/spaces/{bondId}/check-ins/{checkInId}/note"),
        new("DELETE", "/api/v1/spaces/{bondId}/reflections/{reflectionId}"),
    ];

    public static TheoryData<string> AllRecipes() => [.. Registry.Select(r => r.Key)];

    public static TheoryData<string> GetRecipes() => [.. Registry.Where(r => r.Method == "GET").Select(r => r.Key)];

    [Fact]
    public async Task EveryScopedRoute_IsExercisedByTheHarness()
    {
        var scoped = await ScopedOperationsAsync();
        var registered = Registry.Select(r => r.Key).ToHashSet();

        var missing = scoped.Where(s => !registered.Contains(s)).ToList();

        // The one scoped route that exists today must be found, or discovery itself is broken.
        Assert.Contains(OperationKey("GET", "/api/v1/spaces/{bondId:guid}", ""), scoped);
        Assert.True(missing.Count == 0,
            "Scoped routes with no recipe in AuthorizationHarnessTests.Registry (add one): " + string.Join(", ", missing));
    }

    [SkippableTheory]
    [MemberData(nameof(AllRecipes))]
    public async Task Route_WithTheVictimsIds_AsAMemberOfAnotherSpace_AnswersNotFoundAndChangesNothing(string route)
    {
        var recipe = await PresentRecipeAsync(route);
        var world = await WorldAsync();
        var before = await SnapshotAsync(world.Space);
        var attacker = await factory.SignedInClientAsync(world.Attacker);

        var response = await SendAsync(attacker, recipe, world, signedIn: true);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{route} as the attacker answered {(int)response.StatusCode}, not 404");
        AssertNoVictimText(body, recipe, world);
        Assert.Equal(before, await SnapshotAsync(world.Space));
    }

    [SkippableTheory]
    [MemberData(nameof(AllRecipes))]
    public async Task Route_WithTheVictimsIds_Anonymously_AnswersNotFoundUnauthorizedOrSignIn(string route)
    {
        var recipe = await PresentRecipeAsync(route);
        var world = await WorldAsync();
        var before = await SnapshotAsync(world.Space);

        var response = await SendAsync(factory.NewClient(), recipe, world, signedIn: false);
        var body = await response.Content.ReadAsStringAsync();

        var status = response.StatusCode;
        if (recipe.IsApi)
            Assert.True(status is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized, $"{route} anonymously answered {(int)status}");
        else if (status != HttpStatusCode.NotFound)
        {
            Assert.True(status.IsRedirect(), $"{route} anonymously answered {(int)status}");
            Assert.Equal("/account/sign-in", new Uri(CornerAppFactory.BaseAddress, response.Headers.Location!).AbsolutePath);
        }
        AssertNoVictimText(body, recipe, world);
        Assert.Equal(before, await SnapshotAsync(world.Space));
    }

    [SkippableTheory]
    [MemberData(nameof(GetRecipes))]
    public async Task Route_WithTheirOwnIds_AsTheVictim_ShowsTheirSpace(string route)
    {
        var recipe = await PresentRecipeAsync(route);
        var world = await WorldAsync();
        var victim = await factory.SignedInClientAsync(recipe.Reader?.Invoke(world) ?? world.B);

        var response = await SendAsync(victim, recipe, world, signedIn: true);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route} as the victim answered {(int)response.StatusCode}");
        Assert.Contains(recipe.VictimMarker?.Invoke(world) ?? world.SpaceName, body, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 12: the space's own counsellor, with an active grant of every scope, reads the desk's routes and nothing
    /// else: every member route of the space, reads and writes, answers 404 with none of the space's text, and
    /// nothing in the space changes.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(AllRecipes))]
    public async Task Route_WithTheSpacesIds_AsItsCounsellor_ReadsOnlyTheDeskAndChangesNothing(string route)
    {
        var recipe = await PresentRecipeAsync(route);
        // The counsellor's own write (a suggestion) gets a world of its own, so the shared one stays as seeded.
        var world = recipe.Reader is not null && recipe.Method != "GET" ? await BuildWorldAsync() : await WorldAsync();
        var before = await SnapshotAsync(world.Space);
        var counsellor = await factory.SignedInClientAsync(world.People["counsellor"]);

        var response = await SendAsync(counsellor, recipe, world, signedIn: true);
        var body = await response.Content.ReadAsStringAsync();

        if (recipe.Reader is not null)
        {
            // The desk: read, and its one write (a suggestion for the week), which may change its own table.
            Assert.True((int)response.StatusCode is 200 or 201 or 302, $"{route} as the counsellor answered {(int)response.StatusCode}");
            Assert.DoesNotContain(world.SpaceName, body, StringComparison.Ordinal);
            // Every scope is granted, and still only what the scopes show arrives (CounsellorMaySee).
            foreach (var canary in world.Canaries.Where(c => !CounsellorMaySee.Any(p => c.StartsWith(p, StringComparison.Ordinal))))
                Assert.DoesNotContain(canary, body, StringComparison.Ordinal);
            if (recipe.Method != "GET")
                return;
        }
        else
        {
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed,
                $"{route} as the counsellor answered {(int)response.StatusCode}, not 404");
            AssertNoVictimText(body, recipe, world);
        }
        Assert.Equal(before, await SnapshotAsync(world.Space));
    }

    /// <summary>
    /// B was in the space and left (BondLeaver): today every page and API route of the space, reads and writes,
    /// answers 404 with none of the space's text, and nothing in it changes. B's own name is left out of the
    /// text check: the layout greets the signed-in person by name.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(AllRecipes))]
    public async Task Route_WithTheSpacesIds_AsAFormerMember_AnswersNotFoundAndChangesNothing(string route)
    {
        var recipe = await PresentRecipeAsync(route);
        var world = await FormerWorldAsync();
        var before = await SnapshotAsync(world.Space);
        var former = await factory.SignedInClientAsync(world.B);

        var response = await SendAsync(former, recipe, world, signedIn: true);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{route} as a former member answered {(int)response.StatusCode}, not 404");
        AssertNoVictimText(body, recipe, world, includeB: false);
        Assert.Equal(before, await SnapshotAsync(world.Space));
    }

    /// <summary>The victims' texts their counsellor, with every scope, may read: a shared half of the cycle, the moments
    /// and missed moments, the plan, a shared map answer, the name they chose for the counsellor, the counsellor's own
    /// suggestion (and the shared check-in's note, which is no canary). Never a draft, a private answer, a guess, a note
    /// on a cycle time, an appreciation, a backing statement or an ask.</summary>
    private static readonly string[] CounsellorMaySee =
    [
        "canary-cycle-shared-half-", "canary-moment-", "canary-noticed-", "canary-missed-", "canary-reflection-", "canary-plan-", "canary-map-answer-", "canary-shown-", "canary-suggestion-",
    ];

    private static void AssertNoVictimText(string body, Recipe recipe, Victims world, bool includeB = true)
    {
        Assert.DoesNotContain(world.SpaceName, body, StringComparison.Ordinal);
        Assert.DoesNotContain(world.A.DisplayName, body, StringComparison.Ordinal);
        if (includeB)
            Assert.DoesNotContain(world.B.DisplayName, body, StringComparison.Ordinal);
        Assert.DoesNotContain(world.Invitation.ToString(), body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(world.CheckInNote, body, StringComparison.Ordinal);
        foreach (var canary in world.Canaries)
            Assert.DoesNotContain(canary, body, StringComparison.Ordinal);
        if (recipe.VictimMarker?.Invoke(world) is { } marker)
            Assert.DoesNotContain(marker, body, StringComparison.Ordinal);
    }

    private async Task<Recipe> PresentRecipeAsync(string route)
    {
        var recipe = Registry.Single(r => r.Key == route);
        if (!(await ScopedOperationsAsync()).Contains(route))
            throw new SkipCaseException($"{route} is not a route of the app yet");
        return recipe;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Recipe recipe, Victims world, bool signedIn)
    {
        var url = ParameterPattern().Replace(recipe.Pattern, match => match.Groups["name"].Value.ToLowerInvariant() switch
        {
            "bondid" => world.Space.ToString(),
            "invitationid" => world.Invitation.ToString(),
            "checkinid" => world.CheckIn.ToString(),
            "reflectionid" => world.Reflection.ToString(),
            var other => world.Id(other).ToString(),
        });
        if (recipe.Handler.Length > 0)
            url += "?handler=" + recipe.Handler;
        if (recipe.Method == "GET")
            return await client.GetAsync(url);

        var request = new HttpRequestMessage(new HttpMethod(recipe.Method), url);
        var token = signedIn ? await client.AntiforgeryTokenAsync("/account") : null;
        if (recipe.IsApi)
        {
            request.Content = JsonContent.Create(recipe.Json?.Invoke(world) ?? new { });
            if (token is not null)
                request.Headers.Add("X-CSRF-TOKEN", token);
        }
        else
        {
            var fields = new Dictionary<string, string>(recipe.Form?.Invoke(world) ?? []);
            if (token is not null)
                fields["__RequestVerificationToken"] = token;
            request.Content = new FormUrlEncodedContent(fields);
        }
        return await client.SendAsync(request);
    }

    /// <summary>Every row that makes up the victims' space, as the owner sees it.</summary>
    private static Task<List<string>> SnapshotAsync(Guid space) => Sql.OwnerListAsync<string>(
        string.Join("\nunion all ", [CoreSnapshotSql, .. Features.Select(f => f.SnapshotSql)]) + "\norder by 1", space);

    private const string CoreSnapshotSql = """
        select 'bond ' || b::text from bonds b where b.id = $1
        union all select 'member ' || m::text from bond_members m where m.bond_id = $1
        union all select 'invitation ' || i::text from invitations i where i.bond_id = $1
        union all select 'key ' || k::text from data_keys k where k.owner_id = $1
        union all select 'check-in share ' || s::text from check_in_shares s where s.bond_id = $1
        union all select 'reflection ' || r::text from reflections r where r.bond_id = $1
        """;

    private static readonly SemaphoreSlim WorldGate = new(1, 1);
    private static (CornerAppFactory Factory, Victims World)? _world;

    private async Task<Victims> WorldAsync()
    {
        await WorldGate.WaitAsync();
        try
        {
            if (_world is { } cached && ReferenceEquals(cached.Factory, factory))
                return cached.World;
            var world = await BuildWorldAsync();
            _world = (factory, world);
            return world;
        }
        finally
        {
            WorldGate.Release();
        }
    }

    private static (CornerAppFactory Factory, Victims World)? _formerWorld;

    /// <summary>A world of its own (the victims' one stays whole for the other runs) in which B has left the space.</summary>
    private async Task<Victims> FormerWorldAsync()
    {
        await WorldGate.WaitAsync();
        try
        {
            if (_formerWorld is { } cached && ReferenceEquals(cached.Factory, factory))
                return cached.World;
            var world = await BuildWorldAsync();
            // The world's open invitation was made by A in a full space, which the app itself never allows;
            // a real leave meets no open invitation of the other member's.
            await Sql.OwnerExecuteAsync("update invitations set revoked_at = now() where bond_id = $1 and revoked_at is null", world.Space);
            var left = await factory.InScopeAsync(world.B.Id, sp => sp.GetRequiredService<BondLeaver>().LeaveAsync(world.B.Id, world.Space));
            Assert.True(left, "B could not leave the space");
            _formerWorld = (factory, world);
            return world;
        }
        finally
        {
            WorldGate.Release();
        }
    }

    private async Task<Victims> BuildWorldAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var a = await factory.CreatePersonAsync("Victim A " + suffix);
        var b = await factory.CreatePersonAsync("Victim B " + suffix);
        var attacker = await factory.CreatePersonAsync("Attacker " + suffix);
        var name = "canary-space-" + Guid.NewGuid().ToString("N");
        var space = await TestSpaces.CreateAsync(factory, name, a, b);
        var invitation = await TestSpaces.InviteAsync(factory, space, a);
        var attackerSpace = await TestSpaces.CreateAsync(factory, "The attacker's own space", attacker);
        var attackerInvitation = await TestSpaces.InviteAsync(factory, attackerSpace, attacker);
        // A shares a check-in with a canary note; B reflects on it.
        var note = "canary-note-" + Guid.NewGuid().ToString("N");
        var checkIn = await factory.InScopeAsync(a.Id, async sp => (await sp.GetRequiredService<CheckInRecorder>().SaveAsync(a.Id,
            new CheckInInput(["sad.lonely"], ["scared.rejected"], 3, note, [new ShareChoice(space, 2)]))).Saved!.CheckInId);
        var reflection = await factory.InScopeAsync(b.Id, async sp => (await sp.GetRequiredService<ReflectionWriter>()
            .ReflectAsync(space, checkIn, b.Id, "sad.lonely", "I hear you")).ReflectionId!.Value);
        var world = new Victims(a, b, space, name, invitation, attacker, attackerSpace, attackerInvitation, checkIn, note, reflection);
        foreach (var feature in Features)
            await feature.SeedAsync(factory, world);
        return world;
    }

    /// <summary>"METHOD pattern[?handler=Name]" for every scoped operation the app serves.</summary>
    private async Task<HashSet<string>> ScopedOperationsAsync()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        var pages = factory.Services.GetRequiredService<PageLoader>();
        var operations = new HashSet<string>();
        foreach (var endpoint in endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<ISuppressMatchingMetadata>()?.SuppressMatching == true)
                continue;
            if (!endpoint.RoutePattern.Parameters.Any(p => p.Name.EndsWith("Id", StringComparison.OrdinalIgnoreCase)))
                continue;
            var pattern = endpoint.RoutePattern.RawText ?? "";
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await pages.LoadAsync(page, endpoint.Metadata);
                if (compiled.HandlerMethods.Count == 0)
                    operations.Add(OperationKey("GET", pattern, ""));
                foreach (var handler in compiled.HandlerMethods)
                    operations.Add(OperationKey(handler.HttpMethod, pattern, handler.Name ?? ""));
            }
            else
            {
                foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                    operations.Add(OperationKey(method, pattern, ""));
            }
        }
        return operations;
    }

    private static string OperationKey(string method, string pattern, string handler) =>
        $"{method.ToUpperInvariant()} /{Normalize(pattern)}{(handler.Length == 0 ? "" : "?handler=" + handler.ToLowerInvariant())}";

    /// <summary>Lower case, no leading or trailing slash, and "{name}" for every parameter whatever its constraints.</summary>
    private static string Normalize(string pattern) =>
        ParameterPattern().Replace(pattern.Trim('/'), m => "{" + m.Groups["name"].Value + "}").ToLowerInvariant();

    [GeneratedRegex(@"\{\**(?<name>[A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex ParameterPattern();
}
