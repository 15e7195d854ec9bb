using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using Corner.IntegrationTests.Data;
using Corner.IntegrationTests.Support;
using Corner.Web.Features.Counsel;
using Corner.Web.Features.CycleMap;
using Corner.Web.Features.Moments;
using Corner.Web.Features.PartnerMap;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Features.Counsel;

/// <summary>Issue 12: a counsellor sees what both people chose to show, read only, for a while, on the record.</summary>
[Collection(AppCollection.Name)]
public sealed class CounselTests(CornerAppFactory factory)
{
    private sealed record World(TestPerson A, TestPerson B, TestPerson Counsellor, Guid Space, string SpaceName, string SharedNote, string PrivateNote);

    private async Task<World> WorldAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var a = await factory.CreatePersonAsync("Sam " + tag);
        var b = await factory.CreatePersonAsync("Alex " + tag);
        var counsellor = await Counsel.CreateCounsellorAsync(factory, "Dr Rivers " + tag);
        var name = "our-space-" + tag;
        var space = await factory.CreateSpaceAsync(name, a, b);
        var shared = "shared-note-" + tag;
        var hidden = "private-note-" + tag;
        await Counsel.CheckInAsync(factory, a, space, shared);
        await Counsel.CheckInAsync(factory, b, space, hidden, shared: false);
        return new World(a, b, counsellor, space, name, shared, hidden);
    }

    [Fact]
    public async Task AGrantBothAgreedTo_ShowsTheCounsellorItsScopes_AndEachReadIsOnTheRecordForBoth()
    {
        var w = await WorldAsync();
        var grant = await Counsel.ActiveGrantAsync(factory, w.Space, w.A, w.B, w.Counsellor, CounselScopes.Trends, CounselScopes.CheckIns);
        var counsellor = await factory.SignedInClientAsync(w.Counsellor);

        var desk = await counsellor.GetStringAsync("/desk");
        Assert.Contains("Sam and Alex", desk, StringComparison.Ordinal);
        Assert.DoesNotContain(w.SpaceName, desk, StringComparison.Ordinal);

        var before = await Counsel.ReadsAsync(w.Space);
        var page = await counsellor.GetAsync($"/desk/{grant}");
        var body = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(w.SharedNote, body, StringComparison.Ordinal);
        Assert.Contains("Days checked in", body, StringComparison.Ordinal);
        Assert.Contains("<svg", body, StringComparison.Ordinal);
        Assert.DoesNotContain(w.PrivateNote, body, StringComparison.Ordinal);
        Assert.DoesNotContain(w.SpaceName, body, StringComparison.Ordinal);
        Assert.Equal(before + 1, await Counsel.ReadsAsync(w.Space));

        // Both members see who read what.
        foreach (var member in new[] { w.A, w.B })
        {
            var theirs = await (await factory.SignedInClientAsync(member)).GetStringAsync($"/spaces/{w.Space}/counsellor");
            var reads = Html.Parse(theirs).QuerySelector("#counsel-reads")?.TextContent ?? "";
            Assert.Contains(w.Counsellor.DisplayName, reads, StringComparison.Ordinal);
            Assert.Contains("Shared check-ins", reads, StringComparison.Ordinal);
        }

        // And in their privacy centre.
        var centre = Html.Parse(await (await factory.SignedInClientAsync(w.B)).GetStringAsync("/account/privacy"))
            .QuerySelector("#privacy-counsellor-reads")?.TextContent ?? "";
        Assert.Contains($"{w.Counsellor.DisplayName} read part of {w.SpaceName}", centre, StringComparison.Ordinal);

        // The API reads the same, and is recorded too.
        var api = await counsellor.GetFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>($"/api/v1/desk/{grant}");
        Assert.Contains(w.SharedNote, api!["entries"].ToString(), StringComparison.Ordinal);
        Assert.Equal(before + 2, await Counsel.ReadsAsync(w.Space));
    }

    [Fact]
    public async Task OutOfScope_NotesAndPrivateEntries_AreNeverShown()
    {
        var w = await WorldAsync();
        var grant = await Counsel.ActiveGrantAsync(factory, w.Space, w.A, w.B, w.Counsellor, CounselScopes.Trends);
        var counsellor = await factory.SignedInClientAsync(w.Counsellor);

        var body = await counsellor.GetStringAsync($"/desk/{grant}");
        var api = await counsellor.GetStringAsync($"/api/v1/desk/{grant}");

        Assert.Contains("Days checked in", body, StringComparison.Ordinal);
        foreach (var text in new[] { body, api })
        {
            Assert.DoesNotContain(w.SharedNote, text, StringComparison.Ordinal);
            Assert.DoesNotContain(w.PrivateNote, text, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("Moments recorded", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BeforeBothConsent_AfterAChange_AndAfterRevocation_TheCounsellorGetsNotFound()
    {
        var w = await WorldAsync();
        var proposed = await Counsel.ProposeAsync(factory, w.Space, w.A, Counsel.Input([CounselScopes.CheckIns]));
        Assert.Null(await Counsel.TakeAsync(factory, w.Counsellor, proposed.Token));
        var counsellor = await factory.SignedInClientAsync(w.Counsellor);

        // Taken, but only A said yes.
        await AssertHiddenAsync(counsellor, proposed.Id, w);
        Assert.Contains("Waiting for both of them", await counsellor.GetStringAsync("/desk"), StringComparison.Ordinal);

        Assert.Null(await Counsel.ConsentAsync(factory, w.Space, w.B, proposed.Id));
        Assert.Equal(HttpStatusCode.OK, (await counsellor.GetAsync($"/desk/{proposed.Id}")).StatusCode);

        // B changes it: a new version, which A has not agreed to.
        var bClient = await factory.SignedInClientAsync(w.B);
        var change = await bClient.SubmitFormAsync($"/spaces/{w.Space}/counsellor?change={proposed.Id}",
            new Dictionary<string, string> { ["Form.ShownAs"] = "S and A", ["Form.Purpose"] = "" }, formAction: $"/spaces/{w.Space}/counsellor?handler=Change");
        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        await AssertHiddenAsync(counsellor, proposed.Id, w);
        // A's yes to the old version no longer counts.
        Assert.Equal(GrantProblem.VersionChanged, await Counsel.ConsentAsync(factory, w.Space, w.A, proposed.Id, version: 1));
        Assert.Null(await Counsel.ConsentAsync(factory, w.Space, w.A, proposed.Id, version: 2));
        Assert.Equal(HttpStatusCode.OK, (await counsellor.GetAsync($"/desk/{proposed.Id}")).StatusCode);

        // B ends it: the next request shows nothing.
        var revoke = await bClient.SubmitFormAsync($"/spaces/{w.Space}/counsellor",
            new Dictionary<string, string> { ["grantId"] = proposed.Id.ToString() }, formAction: $"/spaces/{w.Space}/counsellor?handler=Revoke");
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        await AssertHiddenAsync(counsellor, proposed.Id, w);
        Assert.Equal(GrantProblem.AlreadyEnded, await Counsel.ConsentAsync(factory, w.Space, w.A, proposed.Id, version: 2));
    }

    [Fact]
    public async Task ACounsellorWithoutTwoStepSignIn_SeesNoSpace()
    {
        var w = await WorldAsync();
        var plain = await Counsel.CreateCounsellorAsync(factory, twoStep: false);
        var grant = await Counsel.ActiveGrantAsync(factory, w.Space, w.A, w.B, plain, CounselScopes.CheckIns);
        var client = await factory.SignedInClientAsync(plain);

        var desk = await client.GetStringAsync("/desk");

        Assert.Contains("Turn on two-step sign-in", desk, StringComparison.Ordinal);
        Assert.DoesNotContain("Sam and Alex", desk, StringComparison.Ordinal);
        await AssertHiddenAsync(client, grant, w);
    }

    [Fact]
    public async Task OneMemberLeaving_EndsTheGrant()
    {
        var w = await WorldAsync();
        var grant = await Counsel.ActiveGrantAsync(factory, w.Space, w.A, w.B, w.Counsellor, CounselScopes.CheckIns);
        await Sql.OwnerExecuteAsync("update bond_members set left_at = now() where bond_id = $1 and person_id = $2", w.Space, w.B.Id);

        await AssertHiddenAsync(await factory.SignedInClientAsync(w.Counsellor), grant, w);
    }

    [Fact]
    public async Task TheLink_WorksOnceForOneCounsellor_AndNeverForAMemberOrAPerson()
    {
        var w = await WorldAsync();
        var proposed = await Counsel.ProposeAsync(factory, w.Space, w.A, Counsel.Input([CounselScopes.Trends]));
        var someone = await factory.CreatePersonAsync();
        var second = await Counsel.CreateCounsellorAsync(factory);

        Assert.Equal(TakeProblem.NotACounsellor, await Counsel.TakeAsync(factory, someone, proposed.Token));
        Assert.Equal(TakeProblem.NotACounsellor, await Counsel.TakeAsync(factory, w.B, proposed.Token));
        await Sql.OwnerExecuteAsync("update people set kind = 'counsellor' where id = $1", w.B.Id);
        Assert.Equal(TakeProblem.MemberOfSpace, await Counsel.TakeAsync(factory, w.B, proposed.Token));
        Assert.Null(await Counsel.TakeAsync(factory, w.Counsellor, proposed.Token));
        Assert.Null(await Counsel.TakeAsync(factory, w.Counsellor, proposed.Token));
        Assert.Equal(TakeProblem.AlreadyTaken, await Counsel.TakeAsync(factory, second, proposed.Token));
        Assert.Equal(TakeProblem.NotValid, await Counsel.TakeAsync(factory, second, "not-a-token"));

        // Through the page and the API: a clear answer with the right status, never a 500.
        var page = await (await factory.SignedInClientAsync(second)).SubmitFormAsync(CounselEmails.TakePath(proposed.Token),
            new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        Assert.Contains("Another counsellor has already used this link", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var garbage = await PostJsonAsync(await factory.SignedInClientAsync(second), "/api/v1/counsellor/take", new { token = "\u0000\u202e" + new string('x', 5000) });
        Assert.Equal(HttpStatusCode.NotFound, garbage.StatusCode);

        await Counsel.RevokeAsync(factory, w.Space, w.A, proposed.Id);
        var another = await Counsel.ProposeAsync(factory, w.Space, w.A, Counsel.Input([CounselScopes.Trends]));
        await Counsel.RevokeAsync(factory, w.Space, w.A, another.Id);
        Assert.Equal(TakeProblem.NotValid, await Counsel.TakeAsync(factory, second, another.Token));
    }

    [Theory]
    [InlineData("Form.Email", "not an address", "Please enter the counsellor's email address")]
    [InlineData("Form.ExpiresOn", "+91", "at most 90 days")]
    [InlineData("Form.ExpiresOn", "-1", "That day has already passed")]
    [InlineData("Form.ExpiresOn", "yesterday-ish", "Please choose the last day they can look")]
    [InlineData("Form.VisibleUntil", "-400", "The last day comes before the first one")]
    [InlineData("Form.ShownAs", "", "Please give the name the counsellor sees")]
    [InlineData("Form.ShownAs", "long", "Please keep the name to 80 characters")]
    [InlineData("Form.Purpose", "\u0007bell", "a character here that can't be shown")]
    [InlineData("Form.Scopes", "everything", "One of the choices isn't something Corner can show")]
    public async Task AProposalThatBreaksARule_IsRefusedClearly_AndKeepsWhatWasTyped(string field, string value, string message)
    {
        var w = await WorldAsync();
        var client = await factory.SignedInClientAsync(w.A);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string Day(int offset) => Corner.Web.Features.Counsel.GrantForm.Text(today.AddDays(offset));
        var typed = "Our purpose, kept \u00e9\u0301 \U0001F49B";
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Form.Email", "dr@example.test"), new("Form.VisibleFrom", Day(-10)), new("Form.ExpiresOn", Day(30)),
            new("Form.ShownAs", "S & A"), new("Form.Purpose", typed),
        };
        var replacement = value switch
        {
            "+91" => Day(91),
            "-1" => Day(-1),
            "-400" => Day(-400),
            "long" => new string('n', 81),
            _ => value,
        };
        fields.RemoveAll(f => f.Key == field);
        fields.Add(new(field, replacement));
        if (field != "Form.Scopes")
            fields.Add(new("Form.Scopes", CounselScopes.Trends));

        var response = await client.SubmitFormAsync($"/spaces/{w.Space}/counsellor", fields,
            f => (f.GetAttribute("action") ?? "").Contains("handler=Propose", StringComparison.Ordinal));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, System.Net.WebUtility.HtmlDecode(body), StringComparison.Ordinal);
        if (field != "Form.Purpose")
            Assert.Contains(typed, System.Net.WebUtility.HtmlDecode(body), StringComparison.Ordinal);
        Assert.Equal(0L, await Sql.OwnerScalarAsync<long>("select count(*) from counsellor_grants where bond_id = $1", w.Space));
    }

    [Fact]
    public async Task TheApi_RefusesAnEmptyScopeAndALongExpiry_WithProblemCodes()
    {
        var w = await WorldAsync();
        var client = await factory.SignedInClientAsync(w.A);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var response = await PostJsonAsync(client, $"/api/v1/spaces/{w.Space}/counsellor-grants", new
        {
            email = "dr@example.test",
            scopes = Array.Empty<string>(),
            visibleFrom = today.AddDays(-3),
            expiresOn = today.AddDays(120),
            shownAs = "Us",
        });
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("no_scope", problem!["code"].GetString());
        Assert.Contains("expiry_too_far", problem["problems"].ToString(), StringComparison.Ordinal);

        var ok = await PostJsonAsync(client, $"/api/v1/spaces/{w.Space}/counsellor-grants", new
        {
            email = "dr@example.test",
            scopes = new[] { "trends" },
            visibleFrom = today.AddDays(-3),
            expiresOn = today.AddDays(30),
            shownAs = "Us",
        });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var listed = await client.GetStringAsync($"/api/v1/spaces/{w.Space}/counsellor-grants");
        Assert.Contains("\"state\":\"WaitingForOther\"", listed, StringComparison.Ordinal);
        var forB = await (await factory.SignedInClientAsync(w.B)).GetStringAsync($"/api/v1/spaces/{w.Space}/counsellor-grants");
        Assert.Contains("\"state\":\"WaitingForYou\"", forB, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProposalWaitingForAYes_IsInWaitingForYou_ForTheOtherMemberOnly()
    {
        var w = await WorldAsync();
        await Counsel.ProposeAsync(factory, w.Space, w.A, Counsel.Input([CounselScopes.Trends]));

        var forB = await (await factory.SignedInClientAsync(w.B)).GetStringAsync($"/spaces/{w.Space}");
        var forA = await (await factory.SignedInClientAsync(w.A)).GetStringAsync($"/spaces/{w.Space}");

        Assert.Contains("A counsellor invitation waits for your yes", forB, StringComparison.Ordinal);
        Assert.DoesNotContain("A counsellor invitation waits for your yes", forA, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDatabase_LetsACounsellorReadOnlyTheirScopes_AndWriteNothing()
    {
        var w = await WorldAsync();
        await Counsel.ActiveGrantAsync(factory, w.Space, w.A, w.B, w.Counsellor, CounselScopes.Trends);
        await using var app = await Sql.OpenAsync(TestDatabase.AppConnectionString);
        await using var transaction = await app.BeginTransactionAsync();
        await Sql.ExecuteAsync(app, "select set_config('corner.person_id', $1, true), set_config('corner.system', 'off', true)", w.Counsellor.Id.ToString());

        Assert.Equal(1L, await Sql.ScalarAsync<long>(app, "select count(*) from check_in_shares where bond_id = $1", w.Space));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(app, "select count(*) from check_ins c where c.person_id in ($1, $2)", w.A.Id, w.B.Id));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app, "select count(*) from moments where bond_id = $1", w.Space));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app, "select count(*) from counsellor_consents where bond_id = $1", w.Space));
        Assert.False(await Sql.ScalarAsync<bool>(app, "select corner_can($1, 'check-ins', 'write')", w.Space));
        Assert.False(await Sql.ScalarAsync<bool>(app, "select corner_can($1, 'moments', 'read')", w.Space));
        Assert.Equal(0, await Sql.ExecuteAsync(app, "update bonds set created_at = now() where id = $1", w.Space));
        Assert.Equal(0, await Sql.ExecuteAsync(app, "update check_in_shares set supported = 1 where bond_id = $1", w.Space));
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Sql.ExecuteAsync(app,
            "insert into counsellor_consents (grant_id, bond_id, person_id, version, consented_at) select id, bond_id, $2, 9, now() from counsellor_grants where bond_id = $1",
            w.Space, w.Counsellor.Id));
    }

    [Fact]
    public async Task OneMember_CannotConsentForTheOther_EvenInTheDatabase()
    {
        var w = await WorldAsync();
        var proposed = await Counsel.ProposeAsync(factory, w.Space, w.A, Counsel.Input([CounselScopes.Trends]));
        await using var app = await Sql.OpenAsync(TestDatabase.AppConnectionString);
        await using var transaction = await app.BeginTransactionAsync();
        await Sql.ExecuteAsync(app, "select set_config('corner.person_id', $1, true), set_config('corner.system', 'off', true)", w.A.Id.ToString());

        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Sql.ExecuteAsync(app,
            "insert into counsellor_consents (grant_id, bond_id, person_id, version, consented_at) values ($1, $2, $3, 1, now())",
            proposed.Id, w.Space, w.B.Id));
        Assert.Equal("42501", refused.SqlState);
    }

    [Fact]
    public async Task ACounsellor_ReachesNoMemberRoute_AndHomeLeadsToTheDesk()
    {
        var w = await WorldAsync();
        await Counsel.ActiveGrantAsync(factory, w.Space, w.A, w.B, w.Counsellor);
        var client = await factory.SignedInClientAsync(w.Counsellor);

        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/desk", home.Headers.Location!.OriginalString);
        foreach (var path in new[] { "/check-in", "/spaces/new", $"/spaces/{w.Space}", $"/spaces/{w.Space}/check-ins", "/api/v1/spaces", "/reminders" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)response.StatusCode} to a counsellor");
            Assert.DoesNotContain(w.SpaceName, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var create = await PostJsonAsync(client, "/api/v1/spaces", new { kind = "Partners", name = "A counsellor's own" });
        Assert.Equal(HttpStatusCode.NotFound, create.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account")).StatusCode);
    }

    [Fact]
    public async Task TheCycleAndMapScopes_ShowSharedHalvesAndAreas_NeverDraftsNotesOrAnswers()
    {
        var w = await WorldAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        await factory.InScopeAsync(w.A.Id, async sp => (await sp.GetRequiredService<CycleHalfWriter>().SaveAsync(w.Space, w.A.Id,
            new CycleHalfInput(["fight.chase_answer"], "shared-trigger-" + tag, null, null, null, null, null), share: true)).Saved!);
        await factory.InScopeAsync(w.B.Id, async sp => (await sp.GetRequiredService<CycleHalfWriter>().SaveAsync(w.Space, w.B.Id,
            new CycleHalfInput(["flight.go_quiet"], "draft-trigger-" + tag, null, null, null, null, null), share: null)).Saved!);
        await factory.InScopeAsync(w.A.Id, async sp => (await sp.GetRequiredService<CycleTimeRecorder>().RecordAsync(w.Space, w.A.Id,
            Guid.NewGuid(), new CycleTimeInput(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2), ["pursue"], "next_day", "time-note-" + tag))).Saved!);
        await factory.InScopeAsync(w.B.Id, async sp =>
        {
            var writer = sp.GetRequiredService<MapWriter>();
            await writer.SaveSelfAsync(w.Space, w.B.Id, "stress.1", "shared-answer-" + tag, shared: true);
            await writer.SaveSelfAsync(w.Space, w.B.Id, "soft_spots.1", "private-answer-" + tag, shared: false);
            return 0;
        });
        var grant = await Counsel.ActiveGrantAsync(factory, w.Space, w.A, w.B, w.Counsellor, CounselScopes.Cycle, CounselScopes.MapAreas);

        var body = WebUtility.HtmlDecode(await (await factory.SignedInClientAsync(w.Counsellor)).GetStringAsync($"/desk/{grant}"));

        Assert.Contains("shared-trigger-" + tag, body, StringComparison.Ordinal);
        Assert.Contains("Times the cycle showed up", body, StringComparison.Ordinal);
        Assert.Contains("Came back the next day", body, StringComparison.Ordinal);
        Assert.Contains("explored 1 of 10 areas", body, StringComparison.Ordinal);
        foreach (var hidden in new[] { "draft-trigger-", "time-note-", "shared-answer-", "private-answer-" })
            Assert.DoesNotContain(hidden + tag, body, StringComparison.Ordinal);
        Assert.DoesNotContain(w.SharedNote, body, StringComparison.Ordinal);
        Assert.DoesNotContain("Soft spots", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheInvitationEmail_CarriesOnlyTheLink_AndTheLinkWorks()
    {
        var w = await WorldAsync();
        var address = $"{Guid.NewGuid():N}@example.test";
        var client = await factory.SignedInClientAsync(w.A);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var proposed = await client.SubmitFormAsync($"/spaces/{w.Space}/counsellor",
            [
                new("Form.Email", address), new("Form.Scopes", CounselScopes.Trends), new("Form.VisibleFrom", GrantForm.Text(today.AddDays(-7))),
                new("Form.ExpiresOn", GrantForm.Text(today.AddDays(14))), new("Form.ShownAs", "shown-" + w.SpaceName), new("Form.Purpose", "purpose-" + w.SpaceName),
            ],
            f => (f.GetAttribute("action") ?? "").Contains("handler=Propose", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, proposed.StatusCode);

        var mail = Assert.Single(Mailbox.For(factory, address));
        foreach (var secret in new[] { w.SpaceName, w.A.DisplayName, w.B.DisplayName, "Between our" })
        {
            Assert.DoesNotContain(secret, mail.Subject, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, mail.Body, StringComparison.Ordinal);
        }
        var link = Mailbox.LatestLink(factory, address);
        Assert.StartsWith("/counsellor/take/", link, StringComparison.Ordinal);

        var taken = await (await factory.SignedInClientAsync(w.Counsellor)).SubmitFormAsync(link, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        Assert.Equal("/desk", taken.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ACounsellor_WithAnotherCouplesGrantId_GetsNotFound()
    {
        var w = await WorldAsync();
        var other = await WorldAsync();
        await Counsel.ActiveGrantAsync(factory, w.Space, w.A, w.B, w.Counsellor, CounselScopes.CheckIns);
        var theirs = await Counsel.ActiveGrantAsync(factory, other.Space, other.A, other.B, other.Counsellor, CounselScopes.CheckIns);

        await AssertHiddenAsync(await factory.SignedInClientAsync(w.Counsellor), theirs, other);
    }

    [Fact]
    public async Task MomentsAreCountedWithoutWords_UnlessTheirWordsAreInScope()
    {
        var w = await WorldAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        await factory.InScopeAsync(w.B.Id, async sp => (await sp.GetRequiredService<MomentWriter>().RecordAsync(w.Space, w.B.Id,
            new MomentInput(Guid.NewGuid(), null, "moment-situation-" + tag, null, null, "moment-action-" + tag))).Created!.Id);
        var counted = await Counsel.ActiveGrantAsync(factory, w.Space, w.A, w.B, w.Counsellor, CounselScopes.Moments);
        var client = await factory.SignedInClientAsync(w.Counsellor);

        var numbers = WebUtility.HtmlDecode(await client.GetStringAsync($"/desk/{counted}"));
        Assert.Contains("Moments recorded", numbers, StringComparison.Ordinal);
        Assert.DoesNotContain("moment-situation-" + tag, numbers, StringComparison.Ordinal);

        await Counsel.RevokeAsync(factory, w.Space, w.A, counted);
        var worded = await Counsel.ActiveGrantAsync(factory, w.Space, w.A, w.B, w.Counsellor, CounselScopes.MomentWords);
        var words = WebUtility.HtmlDecode(await client.GetStringAsync($"/desk/{worded}"));
        Assert.Contains("moment-situation-" + tag, words, StringComparison.Ordinal);
        Assert.Contains("moment-action-" + tag, words, StringComparison.Ordinal);
        Assert.Contains($"{w.B.DisplayName} backed {w.A.DisplayName}", words, StringComparison.Ordinal);
        var api = await client.GetStringAsync($"/api/v1/desk/{worded}");
        Assert.Contains("\"label\":\"Between_Moment_Situation\",\"text\":\"moment-situation-" + tag, api, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletingAnAccount_EndsTheGrants_OfTheCounsellorAndOfAMember()
    {
        var w = await WorldAsync();
        var grant = await Counsel.ActiveGrantAsync(factory, w.Space, w.A, w.B, w.Counsellor, CounselScopes.CheckIns);
        var other = await WorldAsync();
        var otherGrant = await Counsel.ActiveGrantAsync(factory, other.Space, other.A, other.B, other.Counsellor, CounselScopes.CheckIns);

        // The counsellor deletes their account (without a second step here, so no code is asked for): their grant ends.
        await Sql.OwnerExecuteAsync("update people set two_factor_enabled = false where id = $1", w.Counsellor.Id);
        var gone = await (await factory.SignedInClientAsync(w.Counsellor)).SubmitFormAsync("/account/delete",
            new Dictionary<string, string> { ["Input.Password"] = w.Counsellor.Password, ["Input.Understood"] = "true" });
        Assert.True(gone.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"deleting answered {(int)gone.StatusCode}");
        Assert.NotNull(await Sql.OwnerScalarAsync<DateTime?>("select revoked_at from counsellor_grants where id = $1", grant));

        // A member deletes theirs: the other couple's counsellor sees nothing any more.
        var leaves = await (await factory.SignedInClientAsync(other.B)).SubmitFormAsync("/account/delete",
            new Dictionary<string, string> { ["Input.Password"] = other.B.Password, ["Input.Understood"] = "true" });
        Assert.True(leaves.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"deleting answered {(int)leaves.StatusCode}");
        Assert.Equal(0L, await Sql.OwnerScalarAsync<long>("select count(*) from counsellor_consents where person_id = $1", other.B.Id));
        await AssertHiddenAsync(await factory.SignedInClientAsync(other.Counsellor), otherGrant, other);
    }

    [Fact]
    public async Task ASpace_CannotSendCounsellorLinksWithoutEnd()
    {
        var w = await WorldAsync();
        var waiting = new List<Guid>();
        for (var i = 0; i < CounselGrants.MaxWaitingLinks; i++)
            waiting.Add((await Counsel.ProposeAsync(factory, w.Space, w.A, Counsel.Input([CounselScopes.Trends]))).Id);

        var refused = await factory.InScopeAsync(w.B.Id, async sp =>
            (await sp.GetRequiredService<CounselGrants>().ProposeAsync(w.B.Id, w.Space, Counsel.Input([CounselScopes.Trends]))).Problems);
        Assert.Equal(GrantProblem.TooManyWaiting, Assert.Single(refused).Problem);
        var page = await (await factory.SignedInClientAsync(w.B)).SubmitFormAsync($"/spaces/{w.Space}/counsellor",
            [new("Form.Email", "dr@example.test"), new("Form.Scopes", CounselScopes.Trends), new("Form.ShownAs", "Us")],
            f => (f.GetAttribute("action") ?? "").Contains("handler=Propose", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        Assert.Contains("Three invitations are already waiting", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        await Counsel.RevokeAsync(factory, w.Space, w.A, waiting[0]);
        await Counsel.ProposeAsync(factory, w.Space, w.B, Counsel.Input([CounselScopes.Trends]));
    }

    private static async Task AssertHiddenAsync(HttpClient counsellor, Guid grant, World w)
    {
        foreach (var path in new[] { $"/desk/{grant}", $"/api/v1/desk/{grant}" })
        {
            var response = await counsellor.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)response.StatusCode}");
            Assert.DoesNotContain(w.SharedNote, body, StringComparison.Ordinal);
            Assert.DoesNotContain(w.A.DisplayName, body, StringComparison.Ordinal);
            Assert.DoesNotContain("Sam and Alex", body, StringComparison.Ordinal);
        }
    }

    private static async Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string url, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-CSRF-TOKEN", await client.AntiforgeryTokenAsync("/account"));
        return await client.SendAsync(request);
    }
}
