using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Corner.IntegrationTests.Data;
using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Corner.Web.Features.Appreciations;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.CycleMap;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Corner.IntegrationTests.Security;

/// <summary>docs/architecture.md: intimate text written through the app is absent from the tables and from a dump.</summary>
[Collection(AppCollection.Name)]
public sealed class EncryptionAtRestTests(CornerAppFactory factory)
{
    [Fact]
    public async Task SpaceName_WrittenThroughFieldEncryption_IsAbsentFromTheTablesAndADump()
    {
        var canary = "canary-" + Guid.NewGuid().ToString("N");
        // Display names are not intimate: stored as plain text, they show the search really looks.
        var marker = "marker-" + Guid.NewGuid().ToString("N")[..20];
        var person = await factory.CreatePersonAsync(marker);
        var bondId = await TestSpaces.CreateAsync(factory, canary, person);
        var readBack = await factory.InScopeAsync(person.Id, async sp =>
            (await sp.GetRequiredService<BondQueries>().ListForPersonAsync(person.Id)).Single().Name);
        Assert.Equal(canary, readBack);

        var rows = await EveryRowAsTextAsync();
        Assert.Contains(rows, r => r.Contains(marker, StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains(bondId.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains(canary, StringComparison.Ordinal));

        var dump = await DumpAsync();
        Assert.Contains(marker, dump, StringComparison.Ordinal);
        Assert.DoesNotContain(canary, dump, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppreciationAndBackingStatement_WrittenThroughTheApp_AreAbsentFromTheTablesAndADump()
    {
        var appreciationCanary = "canary-appreciation-" + Guid.NewGuid().ToString("N");
        var statementCanary = "canary-backing-" + Guid.NewGuid().ToString("N");
        var a = await factory.CreatePersonAsync();
        var b = await factory.CreatePersonAsync();
        var bondId = await TestSpaces.CreateAsync(factory, "A space for thanks", a, b);
        var appreciationId = await factory.InScopeAsync(a.Id, async sp => (await sp.GetRequiredService<AppreciationWriter>()
            .SendAsync(bondId, a.Id, AppreciationWriter.Admire, appreciationCanary, Guid.NewGuid())).Sent!.Id);
        var statementId = await factory.InScopeAsync(b.Id, async sp => (await sp.GetRequiredService<BackingStatementWriter>()
            .AddAsync(bondId, b.Id, statementCanary, Guid.NewGuid())).Saved!.Id);
        // Read back through the app, so the canaries really were written.
        var received = await factory.InScopeAsync(b.Id, async sp => (await sp.GetRequiredService<AppreciationQueries>().ReceivedAsync(bondId, b.Id)).Items);
        Assert.Equal(appreciationCanary, Assert.Single(received).Words);
        var theirs = await factory.InScopeAsync(a.Id, sp => sp.GetRequiredService<AppreciationQueries>().TheirStatementsAsync(bondId, a.Id));
        Assert.Equal(statementCanary, Assert.Single(theirs).Words);

        var rows = await EveryRowAsTextAsync();
        Assert.Contains(rows, r => r.Contains(appreciationId.ToString(), StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains(statementId.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains(appreciationCanary, StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains(statementCanary, StringComparison.Ordinal));

        var dump = await DumpAsync();
        Assert.Contains("COPY public.appreciations", dump, StringComparison.Ordinal);
        Assert.DoesNotContain(appreciationCanary, dump, StringComparison.Ordinal);
        Assert.DoesNotContain(statementCanary, dump, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PartnerMapTexts_WrittenThroughTheApi_AreAbsentFromTheTablesAndADump()
    {
        var answer = "canary-map-answer-" + Guid.NewGuid().ToString("N");
        var guess = "canary-map-guess-" + Guid.NewGuid().ToString("N");
        var note = "canary-map-note-" + Guid.NewGuid().ToString("N");
        var a = await factory.CreatePersonAsync();
        var b = await factory.CreatePersonAsync();
        var bondId = await factory.CreateSpaceAsync("Map canaries", a, b);
        var aClient = await factory.SignedInClientAsync(a);
        var bClient = await factory.SignedInClientAsync(b);

        (await aClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/map/answers", new { question = "stress.3", text = answer })).EnsureSuccessStatusCode();
        var guessed = await bClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/map/guesses", new { question = "stress.3", text = guess });
        var guessId = (await guessed.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await aClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/map/guesses/{guessId}/compare", new { mark = "close", note })).EnsureSuccessStatusCode();
        var map = await bClient.GetStringAsync($"/api/v1/spaces/{bondId}/map");
        Assert.Contains(note, map, StringComparison.Ordinal);

        var rows = await EveryRowAsTextAsync();
        Assert.Contains(rows, r => r.Contains(guessId.ToString(), StringComparison.Ordinal));
        var dump = await DumpAsync();
        foreach (var canary in new[] { answer, guess, note })
        {
            Assert.DoesNotContain(rows, r => r.Contains(canary, StringComparison.Ordinal));
            Assert.DoesNotContain(canary, dump, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ReconnectionPlan_SavedThroughTheApi_IsAbsentFromTheTablesAndADump()
    {
        var canaries = Enumerable.Range(0, 4).Select(i => $"canary-plan-{i}-" + Guid.NewGuid().ToString("N")).ToArray();
        var a = await factory.CreatePersonAsync();
        var b = await factory.CreatePersonAsync();
        var bondId = await TestSpaces.CreateAsync(factory, "A space with a plan", a, b);
        var client = await factory.SignedInClientAsync(a);

        var saved = await client.PutAsJsonAsync($"/api/v1/spaces/{bondId}/reconnection-plan",
            new { baseVersion = 0, sign = canaries[0], pauseSteps = canaries[1], comingBack = canaries[2], repairPhrase = canaries[3] });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var readBack = await (await factory.SignedInClientAsync(b)).GetStringAsync($"/api/v1/spaces/{bondId}/reconnection-plan");
        Assert.All(canaries, c => Assert.Contains(c, readBack, StringComparison.Ordinal));

        var rows = await EveryRowAsTextAsync();
        Assert.Contains(rows, r => r.Contains(bondId.ToString(), StringComparison.Ordinal) && r.Contains("sign", StringComparison.Ordinal));
        var dump = await DumpAsync();
        Assert.Contains("COPY public.reconnection_plans", dump, StringComparison.Ordinal);
        foreach (var canary in canaries)
        {
            Assert.DoesNotContain(rows, r => r.Contains(canary, StringComparison.Ordinal));
            Assert.DoesNotContain(canary, dump, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task MomentsTexts_WrittenThroughTheHandlers_AreAbsentFromTheTablesAndADump()
    {
        var a = await factory.CreatePersonAsync();
        var b = await factory.CreatePersonAsync();
        var bondId = await TestSpaces.CreateAsync(factory, "Moments at rest", a, b);
        var canaries = Enumerable.Range(0, 12).Select(i => $"canary-moments-{i}-{Guid.NewGuid():N}").ToArray();
        var momentId = await factory.InScopeAsync(b.Id, async sp => (await sp.GetRequiredService<Corner.Web.Features.Moments.MomentWriter>()
            .RecordAsync(bondId, b.Id, new(Guid.NewGuid(), null, canaries[0], canaries[1], canaries[2], canaries[3]))).Created!.Id);
        await factory.InScopeAsync(a.Id, async sp => await sp.GetRequiredService<Corner.Web.Features.Moments.MomentWriter>()
            .AnswerAsync(bondId, momentId, a.Id, "partly", canaries[4]));
        await factory.InScopeAsync(b.Id, async sp => await sp.GetRequiredService<Corner.Web.Features.Moments.MomentWriter>()
            .ReinforceAsync(bondId, momentId, b.Id, canaries[5]));
        var askProblems = await factory.InScopeAsync(a.Id, async sp => (await sp.GetRequiredService<Corner.Web.Features.Moments.BackingAskWriter>()
            .AskAsync(bondId, a.Id, new(Guid.NewGuid(), DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2), canaries[6], canaries[7]))).Problems);
        Assert.Empty(askProblems);
        var missedId = await factory.InScopeAsync(a.Id, async sp => (await sp.GetRequiredService<Corner.Web.Features.Moments.MissedMomentWriter>()
            .WriteAsync(bondId, a.Id, new(Guid.NewGuid(), "wish_you_had", canaries[8], ["stress"], canaries[9]))).Created!.Id);
        await factory.InScopeAsync(b.Id, async sp => await sp.GetRequiredService<Corner.Web.Features.Moments.MissedMomentWriter>()
            .RespondAsync(bondId, missedId, b.Id, canaries[10]));

        var readBack = await factory.InScopeAsync(a.Id, sp => sp.GetRequiredService<Corner.Web.Features.Moments.MomentQueries>()
            .FindMomentAsync(bondId, momentId, a.Id));
        Assert.Equal(canaries[5], readBack!.Reinforce);
        var rows = await EveryRowAsTextAsync();
        var dump = await DumpAsync();
        foreach (var canary in canaries.Take(11).Select(c => c[..40]))
        {
            Assert.DoesNotContain(rows, r => r.Contains(canary, StringComparison.Ordinal));
            Assert.DoesNotContain(canary, dump, StringComparison.Ordinal);
        }
        Assert.Contains(rows, r => r.Contains(momentId.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Shred_OfAnOwnersKeys_MakesTheirFieldsUndecryptable()
    {
        var person = await factory.CreatePersonAsync();
        var bondId = await TestSpaces.CreateAsync(factory, "A space about to be shredded", person);
        var cipher = await factory.InScopeAsync(null, sp =>
            sp.GetRequiredService<CornerDbContext>().Bonds.Where(b => b.Id == bondId).Select(b => b.NameCipher).SingleAsync());
        Assert.Equal("A space about to be shredded", await factory.InScopeAsync(null, sp =>
            sp.GetRequiredService<FieldEncryption>().DecryptAsync(bondId, BondQueries.NameField(bondId), cipher)));

        await factory.InScopeAsync(person.Id, async sp =>
        {
            await sp.GetRequiredService<FieldEncryption>().ShredAsync(bondId);
            return 0;
        });

        Assert.Equal(0L, await Sql.OwnerScalarAsync<long>("select count(*) from data_keys where owner_id = $1", bondId));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => factory.InScopeAsync(null, sp =>
            sp.GetRequiredService<FieldEncryption>().DecryptAsync(bondId, BondQueries.NameField(bondId), cipher)));
    }

    [Fact]
    public async Task CycleMapTexts_WrittenThroughTheApp_AreAbsentFromTheTablesAndADump()
    {
        var person = await factory.CreatePersonAsync();
        var other = await factory.CreatePersonAsync();
        var bondId = await TestSpaces.CreateAsync(factory, "Cycle canary space", person, other);
        var canaries = Enumerable.Range(0, 7).Select(i => $"canary-cycle-{i}-{Guid.NewGuid():N}").ToArray();
        await factory.InScopeAsync(person.Id, async sp => (await sp.GetRequiredService<CycleHalfWriter>().SaveAsync(bondId, person.Id,
            new CycleHalfInput(["fight.criticise"], canaries[0], canaries[1], canaries[2], canaries[3], canaries[4], canaries[5]), share: true)).Saved!);
        await factory.InScopeAsync(person.Id, async sp => (await sp.GetRequiredService<CycleTimeRecorder>().RecordAsync(bondId, person.Id,
            Guid.NewGuid(), new CycleTimeInput(new DateOnly(2026, 1, 2), ["pursue"], "same_day", canaries[6]))).Saved!);
        var readBack = await factory.InScopeAsync(other.Id, sp => sp.GetRequiredService<CycleMapQueries>().MapAsync(bondId, other.Id, null));
        Assert.Equal(canaries[..6], new[] { readBack.Theirs!.Trigger, readBack.Theirs.Reaction, readBack.Theirs.Surface,
            readBack.Theirs.Underneath, readBack.Theirs.Need, readBack.Theirs.ToKnow });

        var rows = await EveryRowAsTextAsync();
        Assert.Contains(rows, r => r.Contains("fight.criticise", StringComparison.Ordinal));
        var dump = await DumpAsync();
        foreach (var canary in canaries)
        {
            Assert.DoesNotContain(rows, r => r.Contains(canary, StringComparison.Ordinal));
            Assert.DoesNotContain(canary, dump, StringComparison.Ordinal);
        }
    }

    /// <summary>Every row of every table in schema public, as the owner sees it (no row-level security).</summary>
    private static async Task<List<string>> EveryRowAsTextAsync()
    {
        var rows = new List<string>();
        await using var owner = await Sql.OpenAsync(TestDatabase.OwnerConnectionString);
        foreach (var table in await Sql.PublicTablesAsync())
            rows.AddRange(await Sql.ListAsync<string>(owner, $"select t::text from {Sql.Quote(table)} t"));
        return rows;
    }

    private static async Task<string> DumpAsync()
    {
        var settings = new NpgsqlConnectionStringBuilder(TestDatabase.OwnerConnectionString);
        var start = new ProcessStartInfo("pg_dump")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--data-only", "--no-owner", "-h", settings.Host!, "-p", settings.Port.ToString(), "-U", settings.Username!, "-d", settings.Database! })
            start.ArgumentList.Add(argument);
        start.Environment["PGPASSWORD"] = settings.Password;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "pg_dump failed: " + await error);
        var dump = await output;
        Assert.Contains("COPY public.bonds", dump, StringComparison.Ordinal);
        return dump;
    }
}
