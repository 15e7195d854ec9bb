using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.CheckIns;
using Corner.Web.Infrastructure.Live;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Infrastructure.Live;

/// <summary>One event read from a <c>/live</c> stream.</summary>
public sealed record ReceivedEvent(string Kind, Guid Bond, Guid Item, string Json);

/// <summary>
/// Reads a <c>/live</c> Server-Sent Events stream line by line, as a browser's EventSource would. A read that
/// times out stays pending and is picked up by the next call, so no line is ever lost or torn.
/// </summary>
public sealed class LiveStream : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private Task<string?>? _pendingLine;

    private LiveStream(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reader = new StreamReader(body);
    }

    public HttpResponseMessage Response => _response;

    /// <summary>The SSE id of the last event read (what a browser would send back as Last-Event-ID).</summary>
    public string? LastEventId { get; private set; }

    /// <summary>Opens the stream and waits for its opening comment, so the subscription exists on the server.
    /// With <paramref name="lastEventId"/>, it resumes as a reconnecting browser does.</summary>
    public static async Task<LiveStream> OpenAsync(HttpClient client, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/live");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
            request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Patience);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var stream = new LiveStream(response, await response.Content.ReadAsStreamAsync());
        Assert.Equal("retry: 3000", await stream.ReadLineAsync(Patience));
        Assert.Equal(": open", await stream.ReadLineAsync(Patience));
        Assert.Equal("", await stream.ReadLineAsync(Patience));
        return stream;
    }

    /// <summary>The next line, or throws <see cref="TimeoutException"/>. Null when the server ended the stream.</summary>
    public async Task<string?> ReadLineAsync(TimeSpan timeout)
    {
        _pendingLine ??= _reader.ReadLineAsync();
        var line = await _pendingLine.WaitAsync(timeout);
        _pendingLine = null;
        return line;
    }

    /// <summary>The next event (comments skipped). Fails the test if none arrives in <paramref name="timeout"/>.</summary>
    public async Task<ReceivedEvent> NextEventAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Patience);
        string? data = null;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException("No live event arrived in time.");
            string? line;
            try
            {
                line = await ReadLineAsync(left);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException("No live event arrived in time.");
            }
            if (line is null)
                throw new InvalidOperationException("The server ended the live stream.");
            if (line.StartsWith("id: ", StringComparison.Ordinal))
                LastEventId = line["id: ".Length..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
                data = line["data: ".Length..];
            else if (line.Length == 0 && data is not null)
            {
                using var json = JsonDocument.Parse(data);
                var root = json.RootElement;
                return new ReceivedEvent(root.GetProperty("kind").GetString()!,
                    root.TryGetProperty("bond", out var bond) ? bond.GetGuid() : Guid.Empty,
                    root.TryGetProperty("item", out var item) ? item.GetGuid() : Guid.Empty, data);
            }
        }
    }

    /// <summary>Reads until the server ends the stream; fails if it does not within <paramref name="timeout"/>.</summary>
    public async Task WaitForEndAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await ReadLineAsync(deadline - DateTime.UtcNow) is not null) { }
    }

    public async ValueTask DisposeAsync()
    {
        _response.Dispose();
        _reader.Dispose();
        if (_pendingLine is not null)
            try { await _pendingLine.WaitAsync(TimeSpan.FromSeconds(5)); } catch (Exception) { /* ended by the dispose */ }
    }
}

/// <summary>Spaces, check-ins and reflections for the live tests, made through the real pages where it matters.</summary>
public static class LiveScenario
{
    /// <summary>A space between two people, made directly in the database (system scope).</summary>
    public static Task<Guid> CreateSpaceAsync(CornerAppFactory factory, TestPerson creator, TestPerson other) =>
        factory.InScopeAsync(null, async sp =>
        {
            var db = sp.GetRequiredService<CornerDbContext>();
            var encryption = sp.GetRequiredService<FieldEncryption>();
            var now = DateTimeOffset.UtcNow;
            var bond = new Bond { Id = Guid.NewGuid(), Kind = BondKind.Partners, CreatedBy = creator.Id, CreatedAt = now };
            db.Bonds.Add(bond);
            await db.SaveChangesAsync();
            bond.NameCipher = await encryption.EncryptAsync(bond.Id, BondQueries.NameField(bond.Id), $"{creator.DisplayName} and {other.DisplayName}");
            db.BondMembers.Add(new BondMember { BondId = bond.Id, PersonId = creator.Id, JoinedAt = now });
            db.BondMembers.Add(new BondMember { BondId = bond.Id, PersonId = other.Id, JoinedAt = now });
            return bond.Id;
        });

    /// <summary>Checks in through the /check-in page's own form (its defaults included, as a browser sends them),
    /// shared into <paramref name="shareWith"/>, or private when null.</summary>
    public static async Task CheckInAsync(HttpClient client, string note, Guid? shareWith = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Surface"] = "joyful.hopeful",
            ["Underlying"] = "scared.worried",
            ["Intensity"] = "3",
            ["Note"] = note,
        };
        if (shareWith is { } bondId)
            fields["ShareWith"] = bondId.ToString();
        // The page's own form (the layout's sign-out form comes first), with its hidden and checked defaults.
        var page = await client.GetPageAsync("/check-in");
        var form = page.Forms.Single(f => f.Elements.OfType<IHtmlInputElement>().Any(i => i.Name == "Intensity"));
        var values = form.Elements.OfType<IHtmlInputElement>()
            .Where(i => !string.IsNullOrEmpty(i.Name) && !fields.ContainsKey(i.Name))
            .Where(i => i.Type is not ("checkbox" or "radio") || i.IsChecked)
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .Concat(fields).ToList();
        var response = await client.PostAsync("/check-in", new FormUrlEncodedContent(values));
        if (!response.StatusCode.IsRedirect())
        {
            var problems = Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("#problems")?.TextContent.Trim();
            Assert.Fail($"checking in answered {(int)response.StatusCode}: {problems}");
        }
    }

    /// <summary>Reflects on a check-in through the space's check-ins page.</summary>
    public static async Task ReflectAsync(HttpClient client, Guid bondId, Guid checkInId, string words)
    {
        var page = $"/spaces/{bondId}/check-ins";
        var response = await client.PostAsync($"{page}?handler=Reflect", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", await client.AntiforgeryTokenAsync(page)),
            new("checkInId", checkInId.ToString()),
            new("feeling", "sad.tired"),
            new("words", words),
        ]));
        Assert.True(response.StatusCode.IsRedirect(), $"reflecting answered {(int)response.StatusCode}");
    }

    /// <summary>Answers a reflection "yes, that's it" through the space's check-ins page.</summary>
    public static async Task AnswerAsync(HttpClient client, Guid bondId, Guid reflectionId)
    {
        var page = $"/spaces/{bondId}/check-ins";
        var response = await client.PostAsync($"{page}?handler=Answer", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", await client.AntiforgeryTokenAsync(page)),
            new("reflectionId", reflectionId.ToString()),
            new("answer", "yes"),
        ]));
        Assert.True(response.StatusCode.IsRedirect(), $"answering answered {(int)response.StatusCode}");
    }

    /// <summary>The person's check-in for today (system scope; tests only).</summary>
    public static Task<Guid> TodaysCheckInIdAsync(CornerAppFactory factory, TestPerson person) =>
        factory.InScopeAsync(null, sp => sp.GetRequiredService<CornerDbContext>().Set<CheckIn>()
            .Where(c => c.PersonId == person.Id).OrderByDescending(c => c.LocalDate).Select(c => c.Id).FirstAsync());

    /// <summary>Waits until this node's listener is LISTENing, so events made anywhere reach it.</summary>
    public static Task ListeningAsync(CornerAppFactory factory) =>
        factory.Services.GetRequiredService<LiveListener>().WhenListeningAsync().WaitAsync(LiveStream.Patience);

    /// <summary>Settings for app nodes that share one database and one master key, as real nodes do.</summary>
    public static Dictionary<string, string?> NodeSettings(string masterKey, IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?> { ["Corner:MasterKey"] = masterKey };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
            settings[key] = value;
        return settings;
    }

    public static string NewMasterKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
