using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;

namespace Corner.IntegrationTests.Support;

/// <summary>
/// The SQL commands each request sends, from Npgsql's own tracing (so commands EF never sees, like the
/// row-security set_config, count too). The ASP.NET Core source is listened to as well, so the host starts
/// a request activity from the test's traceparent and Npgsql's activities become its children: each request
/// is told apart by its trace id, and tests running in parallel never count into each other.
/// </summary>
public sealed class SqlCommandLog : IDisposable
{
    private readonly ConcurrentDictionary<ActivityTraceId, ConcurrentQueue<string>> _commands = new();
    private readonly ActivityListener _listener;

    public SqlCommandLog()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name != "Npgsql")
                    return;
                var text = activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string;
                if (text is null)
                    return; // a physical connection open, not a command
                _commands.GetOrAdd(activity.TraceId, _ => new()).Enqueue(text.ReplaceLineEndings(" "));
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Requests <paramref name="path"/> once to warm the app's caches, then again, and returns the
    /// commands of the second request.</summary>
    public async Task<(HttpStatusCode Status, List<string> Commands)> CommandsOfAsync(HttpClient client, string path)
    {
        (await client.GetAsync(path)).Dispose();
        var trace = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await client.SendAsync(request);
        await response.Content.ReadAsStringAsync();
        return (response.StatusCode, _commands.TryGetValue(trace, out var list) ? [.. list] : []);
    }

    /// <summary>The commands of one request made by <paramref name="send"/> (which must add no other request).</summary>
    public async Task<(HttpStatusCode Status, List<string> Commands)> CommandsOfAsync(HttpClient client, Func<HttpRequestMessage> request)
    {
        var trace = ActivityTraceId.CreateRandom();
        using var message = request();
        message.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await client.SendAsync(message);
        await response.Content.ReadAsStringAsync();
        return (response.StatusCode, _commands.TryGetValue(trace, out var list) ? [.. list] : []);
    }

    /// <summary>Two people in a space, each with a check-in shared into it; signed in as the first.</summary>
    public static async Task<(HttpClient Client, Guid BondId)> LivedInSpaceAsync(CornerAppFactory factory)
    {
        var ana = await factory.CreatePersonAsync("Ana");
        var ben = await factory.CreatePersonAsync("Ben");
        var bondId = await factory.CreateSpaceAsync("Ana & Ben", ana, ben);
        var anaClient = await factory.SignedInClientAsync(ana);
        foreach (var client in new[] { anaClient, await factory.SignedInClientAsync(ben) })
        {
            var json = $$"""{"surface":["sad.tired"],"intensity":3,"note":"a long day","shares":[{"spaceId":"{{bondId}}","supported":4}]}""";
            using var saved = await client.PostAsync("/api/v1/check-ins", new StringContent(json, Encoding.UTF8, "application/json"));
            if (saved.StatusCode != HttpStatusCode.Created)
                throw new InvalidOperationException($"Could not save a check-in: {saved.StatusCode}");
        }
        return (anaClient, bondId);
    }

    /// <summary>The pages people use most, as paths with "{bond}" for the space.</summary>
    public static readonly string[] MainPages =
        ["/", "/spaces/{bond}", "/check-in", "/spaces/{bond}/check-ins", "/api/v1/spaces", "/api/v1/spaces/{bond}/check-ins"];

    public void Dispose() => _listener.Dispose();
}
