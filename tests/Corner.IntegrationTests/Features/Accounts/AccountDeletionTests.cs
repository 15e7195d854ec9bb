using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Corner.IntegrationTests.Data;
using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Corner.Web.Features.Appreciations;
using Corner.Web.Features.CheckIns;
using Corner.Web.Features.CycleMap;
using Corner.Web.Features.Export;
using Corner.Web.Features.Moments;
using Corner.Web.Features.PartnerMap;
using Corner.Web.Features.Reconnection;
using Corner.Web.Features.Shared;
using Corner.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace Corner.IntegrationTests.Features.Accounts;

/// <summary>
/// Issue 14, item 4: deleting your account destroys your words everywhere, by deleting the rows and destroying or
/// rotating away the keys that sealed them; the other person's words stay theirs, and the space closes for them.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AccountDeletionTests(CornerAppFactory factory)
{
    /// <summary>Ana's words in every kind of entry (she deletes her account) and Ben's words that must survive it.</summary>
    private sealed record World(TestPerson Ana, TestPerson Ben, Guid Bond, List<string> AnaWords, List<string> BenWords);

    private async Task<World> TwoPeopleWithEveryKindAsync()
    {
        var ana = await factory.CreatePersonAsync("Ana " + Guid.NewGuid().ToString("N")[..6]);
        var ben = await factory.CreatePersonAsync("Ben " + Guid.NewGuid().ToString("N")[..6]);
        var bond = await factory.CreateSpaceAsync("Ana and Ben", ana, ben);
        var anaWords = new List<string>();
        var benWords = new List<string>();
        string Ana(string what) { var c = $"ana-canary-{what}-{Guid.NewGuid():N}"; anaWords.Add(c); return c; }
        string Ben(string what) { var c = $"ben-words-{what}-{Guid.NewGuid():N}"; benWords.Add(c); return c; }
        Task<T> AsAna<T>(Func<IServiceProvider, Task<T>> work) => factory.InScopeAsync(ana.Id, work);
        Task<T> AsBen<T>(Func<IServiceProvider, Task<T>> work) => factory.InScopeAsync(ben.Id, work);
        static T Ok<T>(T? value) where T : class => value ?? throw new InvalidOperationException("The test's write was refused.");

        // Check-ins: Ana's private note, her shared one; Ben reflects on it, and Ana answers his reflection.
        var checkIn = await AsAna(async sp => Ok((await sp.GetRequiredService<CheckInRecorder>().SaveAsync(ana.Id,
            new CheckInInput(["sad.lonely"], [], 3, Ana("check-in-note"), [new ShareChoice(bond, 2)]))).Saved).CheckInId);
        var benReflection = await AsBen(async sp => (await sp.GetRequiredService<ReflectionWriter>()
            .ReflectAsync(bond, checkIn, ben.Id, "sad.lonely", Ben("reflection"))).ReflectionId!.Value);
        await AsAna(sp => sp.GetRequiredService<ReflectionWriter>().AnswerAsync(bond, benReflection, ana.Id, "yes"));
        var benCheckIn = await AsBen(async sp => Ok((await sp.GetRequiredService<CheckInRecorder>().SaveAsync(ben.Id,
            new CheckInInput(["peaceful.content"], [], 2, Ben("check-in-note"), [new ShareChoice(bond, 4)]))).Saved).CheckInId);
        await AsAna(sp => sp.GetRequiredService<ReflectionWriter>().ReflectAsync(bond, benCheckIn, ana.Id, "peaceful.content", Ana("reflection")));

        // Partner map: each answers about themselves and guesses the other; each marks the other's guess with a note.
        await AsAna(sp => sp.GetRequiredService<MapWriter>().SaveSelfAsync(bond, ana.Id, "what_matters.1", Ana("map-answer"), shared: true));
        await AsBen(sp => sp.GetRequiredService<MapWriter>().SaveSelfAsync(bond, ben.Id, "what_matters.1", Ben("map-answer"), shared: true));
        await AsAna(sp => sp.GetRequiredService<MapWriter>().ConfirmTrustAsync(bond, ana.Id));
        await AsBen(sp => sp.GetRequiredService<MapWriter>().ConfirmTrustAsync(bond, ben.Id));
        var anaGuess = await AsAna(async sp => Ok((await sp.GetRequiredService<MapWriter>().SaveGuessAsync(bond, ana.Id, "what_matters.1", Ana("map-guess"))).Saved).Id);
        var benGuess = await AsBen(async sp => Ok((await sp.GetRequiredService<MapWriter>().SaveGuessAsync(bond, ben.Id, "what_matters.1", Ben("map-guess"))).Saved).Id);
        await AsAna(sp => sp.GetRequiredService<MapWriter>().CompareAsync(bond, ana.Id, benGuess, MapWriter.Close, Ana("map-note")));
        // (Ben's note on her guess goes with her guess: it was a row of hers.)
        await AsBen(sp => sp.GetRequiredService<MapWriter>().CompareAsync(bond, ben.Id, anaGuess, MapWriter.Close, "ben-note-on-her-guess"));

        // Appreciations and "you have my back when".
        await AsAna(async sp => Ok((await sp.GetRequiredService<AppreciationWriter>().SendAsync(bond, ana.Id, AppreciationWriter.Appreciate, Ana("appreciation"), Guid.NewGuid())).Sent));
        await AsBen(async sp => Ok((await sp.GetRequiredService<AppreciationWriter>().SendAsync(bond, ben.Id, AppreciationWriter.Appreciate, Ben("appreciation"), Guid.NewGuid())).Sent));
        await AsAna(async sp => Ok((await sp.GetRequiredService<BackingStatementWriter>().AddAsync(bond, ana.Id, Ana("backing"), Guid.NewGuid())).Saved));
        await AsBen(async sp => Ok((await sp.GetRequiredService<BackingStatementWriter>().AddAsync(bond, ben.Id, Ben("backing"), Guid.NewGuid())).Saved));

        // Moments: Ana asks, Ben backs her (she answers with more), she backs him; her missed moment, his response.
        var ask = await AsAna(async sp =>
        {
            var today = await sp.GetRequiredService<PersonalDay>().TodayAsync(ana.Id);
            return Ok((await sp.GetRequiredService<BackingAskWriter>().AskAsync(bond, ana.Id,
                new AskInput(Guid.NewGuid(), today, Ana("ask"), Ana("ask-help")))).Created).Id;
        });
        var benMoment = await AsBen(async sp => Ok((await sp.GetRequiredService<MomentWriter>().RecordAsync(bond, ben.Id,
            new MomentInput(Guid.NewGuid(), ask, Ben("moment"), Ben("moment-noticed"), null, null))).Created).Id);
        Assert.Null(await AsAna(sp => sp.GetRequiredService<MomentWriter>().AnswerAsync(bond, benMoment, ana.Id, "yes", Ana("moment-more"))));
        await AsAna(async sp => Ok((await sp.GetRequiredService<MomentWriter>().RecordAsync(bond, ana.Id,
            new MomentInput(Guid.NewGuid(), null, Ana("moment"), Ana("moment-noticed"), Ana("moment-sided"), Ana("moment-action")))).Created));
        var anaMissed = await AsAna(async sp => Ok((await sp.GetRequiredService<MissedMomentWriter>().WriteAsync(bond, ana.Id,
            new MissedMomentInput(Guid.NewGuid(), MissedMomentWriter.WishYouHad, Ana("missed"), ["stress"], Ana("missed-reflection")))).Created).Id);
        await AsBen(sp => sp.GetRequiredService<MissedMomentWriter>().RespondAsync(bond, anaMissed, ben.Id, "i am sorry about that day"));
        var benMissed = await AsBen(async sp => Ok((await sp.GetRequiredService<MissedMomentWriter>().WriteAsync(bond, ben.Id,
            new MissedMomentInput(Guid.NewGuid(), MissedMomentWriter.ShouldHave, Ben("missed"), ["stress"], null))).Created).Id);
        Assert.Null(await AsAna(sp => sp.GetRequiredService<MissedMomentWriter>().RespondAsync(bond, benMissed, ana.Id, Ana("missed-response"))));

        // The cycle map: both halves, shared, and a noted time each.
        await AsAna(async sp => Ok((await sp.GetRequiredService<CycleHalfWriter>().SaveAsync(bond, ana.Id,
            new CycleHalfInput(["fight.chase_answer"], Ana("cycle-trigger"), null, null, Ana("cycle-underneath"), null, null), share: true)).Saved));
        await AsBen(async sp => Ok((await sp.GetRequiredService<CycleHalfWriter>().SaveAsync(bond, ben.Id,
            new CycleHalfInput(["flight.go_quiet"], Ben("cycle-trigger"), null, null, null, null, null), share: true)).Saved));
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2);
        await AsAna(async sp => Ok((await sp.GetRequiredService<CycleTimeRecorder>().RecordAsync(bond, ana.Id, Guid.NewGuid(),
            new CycleTimeInput(day, ["pursue"], "next_day", Ana("cycle-time")))).Saved));
        await AsBen(async sp => Ok((await sp.GetRequiredService<CycleTimeRecorder>().RecordAsync(bond, ben.Id, Guid.NewGuid(),
            new CycleTimeInput(day.AddDays(-1), ["withdraw"], "same_day", Ben("cycle-time")))).Saved));

        // The reconnection plan, last written by Ana: her words.
        Assert.True((await AsAna(sp => sp.GetRequiredService<ReconnectionPlans>().SaveAsync(bond, ana.Id, 0,
            new PlanInput(Ana("plan-sign"), Ana("plan-steps"), null, Ana("plan-phrase"))))).Saved);

        return new World(ana, ben, bond, anaWords, benWords);
    }

    private async Task<(string Json, string Html)> ExportAsync(Guid personId) =>
        await factory.InScopeAsync(personId, async sp =>
        {
            var document = await sp.GetRequiredService<ExportBuilder>().BuildAsync(personId, _ => Task.CompletedTask, CancellationToken.None);
            var html = ExportHtml.Render(document, sp.GetRequiredService<IStringLocalizer<ExportText>>(), TimeZoneInfo.Utc);
            return (JsonSerializer.Serialize(document, ExportDocument.Json), html);
        });

    /// <summary>Every sealed value of the space and of the person, as a backup taken now would hold it.</summary>
    private static async Task<List<(SealedColumn Column, Guid Owner, Guid[] Keys, byte[] Cipher)>> SealedRowsAsync(Guid bondId, Guid personId)
    {
        var rows = new List<(SealedColumn, Guid, Guid[], byte[])>();
        await using var connection = await Sql.OpenAsync(TestDatabase.OwnerConnectionString);
        foreach (var column in DataInventory.Sealed)
        {
            var owner = column.Owner == SealedBy.Space ? bondId : personId;
            await using var command = new NpgsqlCommand(
                $"select {string.Join(", ", column.KeyColumns)}, {column.Column} from {column.Table} where {column.OwnerColumn} = $1 and {column.Column} is not null",
                connection);
            command.Parameters.Add(new NpgsqlParameter { Value = owner });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                rows.Add((column, owner, [.. column.KeyColumns.Select((_, i) => reader.GetGuid(i))], (byte[])reader[column.KeyColumns.Length]));
        }
        return rows;
    }

    private static async Task<string> PgDumpAsync()
    {
        var settings = new NpgsqlConnectionStringBuilder(TestDatabase.OwnerConnectionString);
        var start = new ProcessStartInfo("pg_dump", ["--data-only", "--no-owner", "-h", settings.Host!, "-p", settings.Port.ToString(),
            "-U", settings.Username!, settings.Database!])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PGPASSWORD"] = settings.Password;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "pg_dump failed: " + await error);
        return await output;
    }

    private static Task<HttpResponseMessage> DeleteAsync(HttpClient client, string password, bool understood = true) =>
        client.SubmitFormAsync("/account/delete", new Dictionary<string, string>
        {
            ["Input.Password"] = password,
            ["Input.Understood"] = understood ? "true" : "false",
        });

    [Fact]
    public async Task DeletingAnAccount_DestroysEveryWordOfTheirs_EvenInAnEarlierDump_AndKeepsTheOtherPersonsWords()
    {
        var world = await TwoPeopleWithEveryKindAsync();
        var anaClient = await factory.SignedInClientAsync(world.Ana);
        var benClient = await factory.SignedInClientAsync(world.Ben);

        // Her export, taken first, holds every canary, in the JSON and in the readable copy.
        var (json, html) = await ExportAsync(world.Ana.Id);
        foreach (var canary in world.AnaWords)
        {
            Assert.Contains(canary, json, StringComparison.Ordinal);
            Assert.Contains(canary, html, StringComparison.Ordinal);
        }
        var before = await SealedRowsAsync(world.Bond, world.Ana.Id);
        var dumpBefore = await PgDumpAsync();
        Assert.Contains(world.Ana.Email, dumpBefore, StringComparison.Ordinal);

        var page = await anaClient.GetPageAsync("/account/delete");
        Assert.Contains("Ana and Ben", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var deleted = await DeleteAsync(anaClient, world.Ana.Password);

        Assert.True(deleted.StatusCode.IsRedirect(), $"Deleting answered {(int)deleted.StatusCode}");
        Assert.Equal("/account/deleted", deleted.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await factory.NewClient().GetAsync("/account/deleted")).StatusCode);

        // She is signed out everywhere and cannot sign in again; her address is free for a new account.
        Assert.True((await anaClient.GetAsync("/account")).StatusCode.IsRedirect());
        var signIn = await factory.NewClient().SubmitFormAsync("/account/sign-in",
            new Dictionary<string, string> { ["Input.Email"] = world.Ana.Email, ["Input.Password"] = world.Ana.Password });
        Assert.False(signIn.StatusCode.IsRedirect(), "The deleted account could still sign in");

        // Ben's space is closed, calmly, and none of her words is on any of his pages or API answers.
        var home = await benClient.GetPageAsync($"/spaces/{world.Bond}");
        Assert.Contains("This space is closed now", home.QuerySelector("main .notice[role=status]")?.TextContent ?? "", StringComparison.Ordinal);
        foreach (var path in new[] { "", "/check-ins", "/check-ins/trends", "/moments", "/map", "/appreciations", "/appreciations/sent", "/backing", "/cycle", "/cycle/times", "/reconnect", "/quiz" })
        {
            var response = await benClient.GetAsync($"/spaces/{world.Bond}{path}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.OK, $"/spaces/…{path} answered {(int)response.StatusCode}");
            foreach (var canary in world.AnaWords)
                Assert.DoesNotContain(canary, body, StringComparison.Ordinal);
            Assert.DoesNotContain(world.Ana.DisplayName, body, StringComparison.Ordinal);
        }
        foreach (var route in ApiRoutes.All(factory).Where(r => r.Method == "GET" && r.Endpoint.RoutePattern.RawText!.Contains("{bondId", StringComparison.Ordinal)
                     && r.Endpoint.RoutePattern.Parameters.Count == 1))
        {
            var path = System.Text.RegularExpressions.Regex.Replace(route.Endpoint.RoutePattern.RawText!, "{bondId[^}]*}", world.Bond.ToString());
            var body = await (await benClient.GetAsync(path)).Content.ReadAsStringAsync();
            foreach (var canary in world.AnaWords)
                Assert.DoesNotContain(canary, body, StringComparison.Ordinal);
        }

        // His words are still his, readable, and in his export, with his reflection on a check-in that is no longer here.
        var (benJson, benHtml) = await ExportAsync(world.Ben.Id);
        foreach (var words in world.BenWords)
            Assert.Contains(words, benJson, StringComparison.Ordinal);
        Assert.Contains("a check-in that is no longer here", benHtml, StringComparison.Ordinal);
        foreach (var canary in world.AnaWords)
            Assert.DoesNotContain(canary, benJson, StringComparison.Ordinal);

        // No row of hers is left in the space, and nothing about her account is in a dump taken now.
        var dumpAfter = await PgDumpAsync();
        Assert.DoesNotContain(world.Ana.Email, dumpAfter, StringComparison.Ordinal);
        Assert.DoesNotContain(world.Ana.DisplayName, dumpAfter, StringComparison.Ordinal);
        foreach (var canary in world.AnaWords)
            Assert.DoesNotContain(canary, dumpAfter, StringComparison.Ordinal);
        var after = await SealedRowsAsync(world.Bond, world.Ana.Id);
        Assert.All(after, r => Assert.Equal(SealedBy.Space, r.Column.Owner));
        Assert.Equal(0L, await Sql.OwnerScalarAsync<long>("select count(*) from data_keys where owner_id = $1", world.Ana.Id));
        Assert.Equal(1L, await Sql.OwnerScalarAsync<long>("select count(*) from data_keys where owner_id = $1", world.Bond));

        // The earlier dump's sealed values, every one of them, no longer open with the keys that remain (a fresh app, so
        // nothing is remembered in memory); what stayed was sealed again and opens.
        using var fresh = new CornerAppFactory();
        async Task<string> OpenAsync(SealedColumn column, Guid owner, Guid[] keys, byte[] cipher) =>
            await fresh.InScopeAsync(null, sp => sp.GetRequiredService<FieldEncryption>().DecryptAsync(owner, column.Address(keys), cipher));
        Assert.True(before.Count > 30, $"Only {before.Count} sealed values before the deletion");
        foreach (var (column, owner, keys, cipher) in before)
            await Assert.ThrowsAnyAsync<CryptographicException>(() => OpenAsync(column, owner, keys, cipher));
        var stayed = new List<string>();
        foreach (var (column, owner, keys, cipher) in after)
            stayed.Add(await OpenAsync(column, owner, keys, cipher));
        Assert.Contains("Ana and Ben", stayed);
        foreach (var words in world.BenWords)
            Assert.Contains(words, stayed);
        foreach (var canary in world.AnaWords)
            Assert.DoesNotContain(canary, stayed);
    }

    [Fact]
    public async Task Delete_WithTheWrongPasswordOrWithoutSayingYouUnderstand_DeletesNothing()
    {
        var person = await factory.CreatePersonAsync();
        var client = await factory.SignedInClientAsync(person);

        var wrong = await DeleteAsync(client, "not the password at all");
        var unticked = await DeleteAsync(client, person.Password, understood: false);

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("That password doesn't match. Nothing was deleted.", Html.Parse(await wrong.Content.ReadAsStringAsync()).Body!.TextContent, StringComparison.Ordinal);
        var body = await unticked.Content.ReadAsStringAsync();
        Assert.Contains("Tick the box to say you understand.", Html.Parse(body).Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(person.Password, body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account")).StatusCode);
        Assert.Null(await Sql.OwnerScalarAsync<DateTime?>("select deleted_at from people where id = $1", person.Id));
    }

    [Fact]
    public async Task Delete_ThatFailsHalfway_LeavesEverythingAsItWas()
    {
        var world = await TwoPeopleWithEveryKindAsync();
        var anaClient = await factory.SignedInClientAsync(world.Ana);
        // One of Ben's sealed values is damaged: the rotation cannot open it, halfway through the deletion.
        var intact = await Sql.OwnerScalarAsync<byte[]>("select words_cipher from appreciations where author_id = $1", world.Ben.Id);
        await Sql.OwnerExecuteAsync("""
            update appreciations set words_cipher = overlay(words_cipher placing '\x00'::bytea from 40 for 1)
            where author_id = $1
            """, world.Ben.Id);
        var before = await SealedRowsAsync(world.Bond, world.Ana.Id);

        var response = await DeleteAsync(anaClient, world.Ana.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("nothing was deleted", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anaClient.GetAsync("/account")).StatusCode);
        Assert.Null(await Sql.OwnerScalarAsync<DateTime?>("select deleted_at from people where id = $1", world.Ana.Id));
        var after = await SealedRowsAsync(world.Bond, world.Ana.Id);
        Assert.Equal(before.Select(r => Convert.ToHexString(r.Cipher)).Order(), after.Select(r => Convert.ToHexString(r.Cipher)).Order());
        await Sql.OwnerExecuteAsync("update appreciations set words_cipher = $1 where author_id = $2", intact, world.Ben.Id);
        var (json, _) = await ExportAsync(world.Ana.Id);
        Assert.Contains(world.AnaWords[0], json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_WithTwoStepSignInOn_AsksForTheCode_AndTakesARecoveryCode()
    {
        var person = await factory.CreatePersonAsync();
        var client = await factory.SignedInClientAsync(person);
        await client.SubmitFormAsync("/account/two-factor", new Dictionary<string, string>(), formAction: "/account/two-factor?handler=Start");
        var setup = await client.GetPageAsync("/account/two-factor");
        var key = ((AngleSharp.Html.Dom.IHtmlInputElement)setup.QuerySelector("[data-shared-key]")!).Value;
        var enabled = await client.SubmitFormAsync("/account/two-factor", new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key) },
            formAction: "/account/two-factor?handler=Enable");
        var recovery = Html.Parse(await enabled.Content.ReadAsStringAsync()).QuerySelectorAll("[data-recovery-codes] code").First().TextContent;

        var page = await client.GetPageAsync("/account/delete");
        Assert.NotNull(page.QuerySelector("input[name='Input.Code']"));
        var withoutCode = await DeleteAsync(client, person.Password);
        Assert.Contains("Enter the code from your authenticator app.", Html.Parse(await withoutCode.Content.ReadAsStringAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(await Sql.OwnerScalarAsync<DateTime?>("select deleted_at from people where id = $1", person.Id));

        var deleted = await client.SubmitFormAsync("/account/delete", new Dictionary<string, string>
        {
            ["Input.Password"] = person.Password,
            ["Input.Code"] = recovery,
            ["Input.Understood"] = "true",
        });
        Assert.True(deleted.StatusCode.IsRedirect(), $"Deleting with a recovery code ({recovery}) answered {(int)deleted.StatusCode}: " + Html.Parse(await deleted.Content.ReadAsStringAsync()).QuerySelector("main")?.TextContent);
        Assert.NotNull(await Sql.OwnerScalarAsync<DateTime?>("select deleted_at from people where id = $1", person.Id));
        Assert.Null(await Sql.OwnerScalarAsync<string?>("select email from people where id = $1", person.Id));
    }

    [Fact]
    public async Task Delete_SentTwiceAtOnce_DeletesOnce_AndNeitherAnswerIsAnError()
    {
        var world = await TwoPeopleWithEveryKindAsync();
        var first = await factory.SignedInClientAsync(world.Ana);
        var second = await factory.SignedInClientAsync(world.Ana);

        var answers = await Task.WhenAll(DeleteAsync(first, world.Ana.Password), DeleteAsync(second, world.Ana.Password));

        Assert.All(answers, a => Assert.True((int)a.StatusCode < 500, $"A deletion answered {(int)a.StatusCode}"));
        Assert.Contains(answers, a => a.Headers.Location?.OriginalString == "/account/deleted");
        Assert.Equal(1L, await Sql.OwnerScalarAsync<long>(
            "select count(*) from audit_events where kind = $1 and person_id = $2", AuditKinds.AccountDeleted, world.Ana.Id));
        Assert.Equal(1L, await Sql.OwnerScalarAsync<long>("select count(*) from data_keys where owner_id = $1", world.Bond));
    }
}
