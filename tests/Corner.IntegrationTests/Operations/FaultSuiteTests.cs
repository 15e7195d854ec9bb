using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Corner.IntegrationTests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace Corner.IntegrationTests.Operations;

/// <summary>
/// Issue 16, item 3: faults survived with nothing lost, on the cluster script/cluster brings up. Under a steady
/// stream of writes (appreciations from Alex to Sam, each with its own Idempotency-Key, sent straight to a node and
/// sent again through the other node until acknowledged) while Sam follows two live streams (one opened on each
/// node), it kills a node with SIGKILL, restarts PostgreSQL, and fails over to the promoted replica. After each
/// fault it counts, from the database itself: every acknowledged write is there once, no key saved twice, every
/// acknowledged write's live event reached both streams (which resume with Last-Event-ID), and no response was a
/// 500 or carried a stack trace. The figures are printed (script/test shows them) and asserted.
/// </summary>
[Trait("Category", "Faults")]
public sealed class FaultSuiteTests(ITestOutputHelper output)
{
    private static readonly string[] Nodes = NodeAddresses();
    private static readonly string Root = TestDatabase.RepositoryRoot();
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(120);

    [ClusterFact]
    public async Task NodeKill_DatabaseRestart_Failover_LoseNothing_DuplicateNothing_MissNoEvent()
    {
        var world = await World.CreateAsync();
        await using var streams = new StreamPair(world.SamCookie);
        await streams.OpenAsync();
        var report = new List<Figures>();

        report.Add(await NodeKillAsync(world, streams));
        report.Add(await DatabaseRestartAsync(world, streams));
        report.Add(await FailoverAsync(world, streams));

        var text = Format(report);
        output.WriteLine(text);
        var file = Environment.GetEnvironmentVariable("CORNER_FAULTS_FIGURES") ?? Path.Combine(ClusterTests.State, "faults.txt");
        await File.WriteAllTextAsync(file, text);

        Assert.All(report, f =>
        {
            Assert.True(f.Sent > 10, $"{f.Phase}: too few writes to mean anything ({f.Sent})");
            Assert.Equal(f.Sent, f.Acknowledged);
            Assert.Equal(f.Acknowledged, f.Found);
            Assert.Equal(0, f.Lost);
            Assert.Equal(0, f.Duplicates);
            Assert.Equal(0, f.EventsMissed);
            Assert.Equal(0, f.StackTraces);
            Assert.Equal(0, f.Status500);
            Assert.Equal(0, f.Rejected);
            Assert.True(f.Checks.All(c => c.Value), $"{f.Phase}: " + string.Join(", ", f.Checks.Where(c => !c.Value).Select(c => c.Key)));
        });
        Assert.True(report[0].Retried > 0, "no write was in flight when the node was killed: the fault was not exercised");
        Assert.True(report[1].Status503 > 0, "nothing was answered 503 during the outage: the fault was not exercised");
    }

    /// <summary>Node 1 is killed with SIGKILL while both writers send to it first; node 2 carries on.</summary>
    private async Task<Figures> NodeKillAsync(World world, StreamPair streams)
    {
        var reconnects = streams.Reconnects;
        var run = new WriteRun(world, preferNode: _ => 0);
        run.Start();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await ClusterAsync("kill-node", "1");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await run.StopAsync();
        var figures = await VerifyAsync("node 1 killed (SIGKILL)", world, run, streams, reconnects);
        figures.Checks["stream 1 moved to node 2"] = streams.First.ConnectedTo.Contains(1);
        await ClusterAsync("start-node", "1");
        await streams.First.MoveToAsync(0);
        return figures;
    }

    /// <summary>PostgreSQL stops for a few seconds and starts again, while writes go to both nodes.</summary>
    private async Task<Figures> DatabaseRestartAsync(World world, StreamPair streams)
    {
        var checks = new Dictionary<string, bool>();
        var reconnects = streams.Reconnects;
        var run = new WriteRun(world, preferNode: i => i % 2);
        var resyncsBefore = (streams.First.Resyncs, streams.Second.Resyncs);
        run.Start();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await ClusterAsync("db-stop");
        var outage = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(1));

        // During the outage: readiness is red on both nodes, a page is a calm 503 page (through nginx), the API a 503 problem.
        checks["/health/ready red on both nodes"] = (await Task.WhenAll(Nodes.Select(ReadyStatusAsync))).All(s => s == HttpStatusCode.ServiceUnavailable);
        using (var page = await world.Sam.GetAsync("/"))
        {
            var body = await page.Content.ReadAsStringAsync();
            run.Record(page.StatusCode, body);
            checks["a page is a calm 503 page"] = page.StatusCode == HttpStatusCode.ServiceUnavailable
                && page.Content.Headers.ContentType?.MediaType == "text/html" && body.Contains("<h1>", StringComparison.Ordinal);
        }
        using (var api = await world.AlexOn(0).GetAsync($"/api/v1/spaces/{world.SpaceId}/appreciations"))
        {
            var body = await api.Content.ReadAsStringAsync();
            run.Record(api.StatusCode, body);
            checks["the API is a 503 problem"] = api.StatusCode == HttpStatusCode.ServiceUnavailable
                && api.Content.Headers.ContentType?.MediaType == "application/problem+json" && api.Headers.RetryAfter is not null;
        }
        while (outage.Elapsed < TimeSpan.FromSeconds(4))
            await Task.Delay(200);
        await ClusterAsync("db-start");

        var green = Stopwatch.StartNew();
        while (green.Elapsed < TimeSpan.FromSeconds(60) && !(await Task.WhenAll(Nodes.Select(ReadyStatusAsync))).All(s => s == HttpStatusCode.OK))
            await Task.Delay(250);
        checks["/health/ready green again on both nodes"] = green.Elapsed < TimeSpan.FromSeconds(60);
        var greenAfter = green.Elapsed;

        // Each node's LISTEN connection reconnects by itself and tells its streams to resync.
        var listening = Stopwatch.StartNew();
        bool BothResynced() => streams.First.Resyncs > resyncsBefore.Item1 && streams.Second.Resyncs > resyncsBefore.Item2;
        while (listening.Elapsed < TimeSpan.FromSeconds(30) && !BothResynced())
            await Task.Delay(200);
        checks["both nodes' LISTEN reconnected (a resync on the stream of each)"] = BothResynced();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await run.StopAsync();

        // Events of writes made now can only arrive through LISTEN on streams that are already open.
        var liveBefore = streams.LiveEvents;
        var after = new WriteRun(world, preferNode: i => i % 2);
        for (var i = 0; i < 4; i++)
            await after.SendOneAsync(i);
        var wait = Stopwatch.StartNew();
        while (wait.Elapsed < TimeSpan.FromSeconds(10) && streams.LiveEvents < liveBefore + 8)
            await Task.Delay(100);
        checks["live events arrive through LISTEN after the restart"] = streams.LiveEvents >= liveBefore + 8;

        // The job worker recovers by itself: a job queued now is run.
        checks["the job worker runs a job queued after the restart"] = await JobRunsAsync();

        var figures = await VerifyAsync("PostgreSQL restarted (4 s down)", world, run.Merge(after), streams, reconnects);
        foreach (var (name, ok) in checks)
            figures.Checks[name] = ok;
        figures.Notes = $"/health/ready green on both nodes {greenAfter.TotalSeconds:0.0} s after PostgreSQL was back";
        return figures;
    }

    /// <summary>The primary is stopped, the replica promoted and both nodes restarted on it, while writes go on.</summary>
    private async Task<Figures> FailoverAsync(World world, StreamPair streams)
    {
        var reconnects = streams.Reconnects;
        var run = new WriteRun(world, preferNode: i => i % 2);
        run.Start();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var took = Stopwatch.StartNew();
        await ClusterAsync("failover");
        took.Stop();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await run.StopAsync();
        var figures = await VerifyAsync("failover to the promoted replica", world, run, streams, reconnects);
        figures.Checks["the database is the promoted replica"] = await OwnerScalarAsync<bool>("select not pg_is_in_recovery() and current_setting('port') = '5442'");
        figures.Notes = $"failover and both nodes ready in {took.Elapsed.TotalSeconds:0.0} s";
        return figures;
    }

    /// <summary>Counts the phase's writes in the database (as the owner, on whichever PostgreSQL the nodes use now) and
    /// waits a little for their live events to reach both streams.</summary>
    private static async Task<Figures> VerifyAsync(string phase, World world, WriteRun run, StreamPair streams, int reconnectsBefore)
    {
        var writes = run.Writes.ToList();
        var acknowledged = writes.Where(w => w.Id is not null).ToList();
        var rows = new Dictionary<Guid, (Guid Id, long Count)>();
        await using (var connection = new NpgsqlConnection(OwnerConnectionString()))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "select submission_id, min(id::text)::uuid, count(*) from appreciations where bond_id = $1 and submission_id = any($2) group by submission_id",
                connection);
            command.Parameters.Add(new NpgsqlParameter { Value = world.SpaceId });
            command.Parameters.Add(new NpgsqlParameter { Value = writes.Select(w => w.Key).ToArray() });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                rows[reader.GetGuid(0)] = (reader.GetGuid(1), reader.GetInt64(2));
        }
        var found = acknowledged.Count(w => rows.TryGetValue(w.Key, out var row) && row.Id == w.Id);
        var expected = acknowledged.Select(w => w.Id!.Value).ToHashSet();
        var wait = Stopwatch.StartNew();
        while (wait.Elapsed < TimeSpan.FromSeconds(20) && streams.Missing(expected) > 0)
            await Task.Delay(200);
        return new Figures(phase)
        {
            Sent = writes.Count,
            Attempts = run.Attempts,
            Retried = writes.Count(w => w.Attempts > 1),
            Acknowledged = acknowledged.Count,
            Found = found,
            Lost = acknowledged.Count - found,
            Duplicates = (int)rows.Values.Sum(r => r.Count - 1),
            EventsExpected = expected.Count * 2,
            EventsMissed = streams.Missing(expected),
            Status503 = run.Status503,
            Status500 = run.Status500,
            Other5xx = run.Other5xx,
            StackTraces = run.StackTraces + streams.StackTraces,
            Rejected = run.Rejected,
            Reconnects = streams.Reconnects - reconnectsBefore,
            Replayed = acknowledged.Count(w => w.Replayed),
        };
    }

    private static async Task<bool> JobRunsAsync()
    {
        var id = await OwnerScalarAsync<long>(
            "insert into jobs (kind, payload, run_at) values ('housekeeping.purge', '{\"Day\":\"2000-01-01\"}', now()) returning id");
        var wait = Stopwatch.StartNew();
        while (wait.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (await OwnerScalarAsync<bool>($"select done_at is not null and last_error is null from jobs where id = {id}"))
                return true;
            await Task.Delay(500);
        }
        return false;
    }

    private static async Task<T> OwnerScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(OwnerConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The cluster's owner connection string (from script/setup's env file), on the port the nodes use now.</summary>
    private static string OwnerConnectionString()
    {
        var env = File.ReadAllLines(Path.Combine(Root, ".local", "env-corner_cluster"));
        var owner = env.Single(l => l.StartsWith("export ConnectionStrings__Owner=", StringComparison.Ordinal));
        var builder = new NpgsqlConnectionStringBuilder(owner[(owner.IndexOf('=') + 1)..].Trim('\''));
        var moved = Path.Combine(ClusterTests.State, "database.port");
        if (File.Exists(moved))
            builder.Port = int.Parse(File.ReadAllText(moved).Trim(), CultureInfo.InvariantCulture);
        builder.Pooling = false;
        return builder.ConnectionString;
    }

    private static async Task<HttpStatusCode> ReadyStatusAsync(string node)
    {
        using var client = new HttpClient { BaseAddress = new Uri(node), Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync("/health/ready");
            return response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 0;
        }
    }

    /// <summary>Runs <c>script/cluster</c> with a fault command and waits for it.</summary>
    private async Task ClusterAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Root, "script", "cluster"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        // A node it started must not hold our pipes open; the output is only for the log.
        static async Task<string> Read(Task<string> text) => await text.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result.Trim() : "");
        var (said, complained) = (await Read(stdout), await Read(stderr));
        output.WriteLine($"script/cluster {string.Join(' ', arguments)}: {said} {complained}");
        Assert.True(process.ExitCode == 0, $"script/cluster {string.Join(' ', arguments)} failed: {complained}");
    }

    private static string[] NodeAddresses()
    {
        var ports = (Environment.GetEnvironmentVariable("CORNER_CLUSTER_PORTS") ?? "8443 5211 5212 5441 5442").Split(' ');
        return [$"http://127.0.0.1:{ports[1]}", $"http://127.0.0.1:{ports[2]}"];
    }

    internal static bool LooksLikeStackTrace(string body) =>
        body.Contains("Exception", StringComparison.OrdinalIgnoreCase) || body.Contains("   at ", StringComparison.Ordinal)
        || body.Contains(".cs:line", StringComparison.Ordinal);

    private static string Format(IEnumerable<Figures> report)
    {
        var text = new StringBuilder("Fault suite (issue 16)\n");
        text.AppendLine("phase                               sent  attempts  retried  replayed  acked  found  lost  dup  events  missed  503  500  other5xx  traces  4xx  reconnects");
        foreach (var f in report)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{f.Phase,-34} {f.Sent,5} {f.Attempts,9} {f.Retried,8} {f.Replayed,9} {f.Acknowledged,6} {f.Found,6} {f.Lost,5} {f.Duplicates,4} {f.EventsExpected,7} {f.EventsMissed,7} {f.Status503,4} {f.Status500,4} {f.Other5xx,9} {f.StackTraces,7} {f.Rejected,4} {f.Reconnects,11}");
            foreach (var (check, ok) in f.Checks)
                text.AppendLine(CultureInfo.InvariantCulture, $"    {(ok ? "ok  " : "FAIL")} {check}");
            if (f.Notes is not null)
                text.AppendLine("    " + f.Notes);
        }
        return text.ToString();
    }

    private sealed record Figures(string Phase)
    {
        public int Sent { get; init; }
        public int Attempts { get; init; }
        public int Retried { get; init; }
        public int Acknowledged { get; init; }
        public int Found { get; init; }
        public int Lost { get; init; }
        public int Duplicates { get; init; }
        public int EventsExpected { get; init; }
        public int EventsMissed { get; init; }
        public int Status503 { get; init; }
        public int Status500 { get; init; }
        public int Other5xx { get; init; }
        public int StackTraces { get; init; }
        public int Rejected { get; init; }
        public int Reconnects { get; init; }
        public int Replayed { get; init; }
        public Dictionary<string, bool> Checks { get; } = [];
        public string? Notes { get; set; }
    }

    /// <summary>Sam and Alex share a space; Alex holds a bearer token, Sam a browser cookie (for the live stream).</summary>
    private sealed class World
    {
        private readonly HttpClient[] _alex;

        private World(HttpClient sam, string samCookie, HttpClient[] alex, Guid spaceId)
        {
            Sam = sam;
            SamCookie = samCookie;
            _alex = alex;
            SpaceId = spaceId;
        }

        /// <summary>Sam's browser-like client through nginx (cookies).</summary>
        public HttpClient Sam { get; }

        /// <summary>Sam's sign-in cookie, to send straight to a node over plain HTTP (a __Host- cookie travels only over HTTPS).</summary>
        public string SamCookie { get; }

        public Guid SpaceId { get; }

        /// <summary>Alex's API client for a node (0 or 1), straight to it, not through nginx.</summary>
        public HttpClient AlexOn(int node) => _alex[node];

        public static async Task<World> CreateAsync()
        {
            var samEmail = await ClusterTests.RegisteredAsync("Sam");
            var alexEmail = await ClusterTests.RegisteredAsync("Alex");
            using var samApi = await ClusterTests.BearerAsync(samEmail);
            using var alexApi = await ClusterTests.BearerAsync(alexEmail);
            var space = await (await samApi.PostAsJsonAsync("/api/v1/spaces", new { kind = "partners", name = "Fault suite" })).Content.ReadFromJsonAsync<JsonElement>();
            var spaceId = space.GetProperty("id").GetGuid();
            var link = (await (await samApi.PostAsync($"/api/v1/spaces/{spaceId}/invitations", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("link").GetString()!;
            var redeemed = await alexApi.PostAsJsonAsync("/api/v1/invitations/redeem", new { token = Uri.UnescapeDataString(link.Split("/join/")[^1]) });
            Assert.Equal(HttpStatusCode.OK, redeemed.StatusCode);

            var jar = new CookieContainer();
            var sam = ClusterTests.Client(jar);
            var signedIn = await sam.SubmitFormAsync("/account/sign-in", new Dictionary<string, string>
            {
                ["Input.Email"] = samEmail,
                ["Input.Password"] = CornerAppFactory.DefaultPassword,
            });
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            var cookies = jar.GetCookieHeader(ClusterTests.Site);
            var token = alexApi.DefaultRequestHeaders.Authorization!;
            var alex = Nodes.Select(node => new HttpClient { BaseAddress = new Uri(node), Timeout = TimeSpan.FromSeconds(15), DefaultRequestHeaders = { Authorization = token } }).ToArray();
            return new World(sam, cookies, alex, spaceId);
        }
    }

    private sealed class Write(Guid key)
    {
        public Guid Key { get; } = key;
        public Guid? Id { get; set; }
        public int Attempts { get; set; }

        /// <summary>Acknowledged with 200: an earlier attempt had been saved, its answer lost, and the key found it.</summary>
        public bool Replayed { get; set; }
    }

    /// <summary>Two writers, each sending one appreciation after another; a write that gets no answer, or a 5xx, is sent
    /// again with the same key, to the other node, until it is acknowledged (for at most <see cref="RetryFor"/>).</summary>
    private sealed class WriteRun(World world, Func<int, int> preferNode)
    {
        private readonly ConcurrentBag<Write> _writes = [];
        private readonly CancellationTokenSource _stop = new();
        private Task[] _writers = [];
        private int _attempts, _status503, _status500, _other5xx, _stackTraces, _rejected;

        public IEnumerable<Write> Writes => _writes;
        public int Attempts => _attempts;
        public int Status503 => _status503;
        public int Status500 => _status500;
        public int Other5xx => _other5xx;
        public int StackTraces => _stackTraces;
        public int Rejected => _rejected;

        public void Start() => _writers = [.. Enumerable.Range(0, 2).Select(WriterAsync)];

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_writers);
        }

        public WriteRun Merge(WriteRun other)
        {
            foreach (var write in other._writes)
                _writes.Add(write);
            _attempts += other._attempts;
            _status503 += other._status503;
            _status500 += other._status500;
            _other5xx += other._other5xx;
            _stackTraces += other._stackTraces;
            _rejected += other._rejected;
            return this;
        }

        private async Task WriterAsync(int writer)
        {
            var n = 0;
            while (!_stop.IsCancellationRequested)
            {
                await SendOneAsync(writer + 2 * n++);
                await Task.Delay(40);
            }
        }

        public async Task SendOneAsync(int n)
        {
            var write = new Write(Guid.NewGuid());
            _writes.Add(write);
            var node = preferNode(n);
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < RetryFor)
            {
                write.Attempts++;
                Interlocked.Increment(ref _attempts);
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/spaces/{world.SpaceId}/appreciations")
                    {
                        Content = JsonContent.Create(new { kind = "appreciate", words = $"fault suite note {write.Key:N}" }),
                    };
                    request.Headers.Add("Idempotency-Key", write.Key.ToString());
                    using var response = await world.AlexOn(node).SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.IsSuccessStatusCode)
                    {
                        write.Id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
                        write.Replayed = response.StatusCode == HttpStatusCode.OK;
                        return;
                    }
                    Record(response.StatusCode, body);
                    if ((int)response.StatusCode < 500)
                        return;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    // No answer (the node died or is starting): not acknowledged, so send it again.
                }
                node = 1 - node;
                await Task.Delay(250);
            }
        }

        public void Record(HttpStatusCode status, string body)
        {
            var code = (int)status;
            if (code >= 500 && LooksLikeStackTrace(body))
                Interlocked.Increment(ref _stackTraces);
            if (code == 503)
                Interlocked.Increment(ref _status503);
            else if (code == 500)
                Interlocked.Increment(ref _status500);
            else if (code > 500)
                Interlocked.Increment(ref _other5xx);
            else if (code >= 400)
                Interlocked.Increment(ref _rejected);
        }
    }

    /// <summary>Sam's two live streams, the first opened on node 1, the second on node 2.</summary>
    private sealed class StreamPair(string cookie) : IAsyncDisposable
    {
        public LiveFollower First { get; } = new(cookie, startNode: 0);
        public LiveFollower Second { get; } = new(cookie, startNode: 1);

        public int LiveEvents => First.LiveEvents + Second.LiveEvents;
        public int Reconnects => First.Reconnects + Second.Reconnects;
        public int StackTraces => First.StackTraces + Second.StackTraces;

        public int Missing(IReadOnlySet<Guid> items) => First.Missing(items) + Second.Missing(items);

        public async Task OpenAsync()
        {
            First.Start();
            Second.Start();
            var wait = Stopwatch.StartNew();
            while (!(First.IsOpen && Second.IsOpen) && wait.Elapsed < TimeSpan.FromSeconds(20))
                await Task.Delay(100);
            Assert.True(First.IsOpen && Second.IsOpen, "the live streams did not open");
        }

        public async ValueTask DisposeAsync()
        {
            await First.DisposeAsync();
            await Second.DisposeAsync();
        }
    }

    /// <summary>
    /// A live stream that behaves like the browser's: it reads Server-Sent Events, remembers the last event id, and when
    /// the stream breaks it opens a new one (on the other node if its node does not answer) with Last-Event-ID. On a
    /// resync (its node's LISTEN reconnected) it also reopens with Last-Event-ID, which is its catch-up read.
    /// </summary>
    private sealed class LiveFollower(string cookie, int startNode) : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly ConcurrentDictionary<Guid, byte> _items = new();
        private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false }) { Timeout = Timeout.InfiniteTimeSpan };
        private Task _loop = Task.CompletedTask;
        private CancellationTokenSource _connection = new();
        private volatile int _node = startNode;
        private volatile bool _moving;
        private string? _lastEventId;
        private int _resyncs, _liveEvents, _reconnects, _stackTraces;
        private volatile bool _open;

        public bool IsOpen => _open;
        public int Resyncs => _resyncs;
        public int LiveEvents => _liveEvents;
        public int Reconnects => _reconnects;
        public int StackTraces => _stackTraces;
        /// <summary>The nodes this follower's streams were opened on, in order.</summary>
        public ConcurrentQueue<int> ConnectedTo { get; } = [];

        public int Missing(IReadOnlySet<Guid> items) => items.Count(i => !_items.ContainsKey(i));

        public void Start() => _loop = Task.Run(RunAsync);

        /// <summary>Ends the current stream and follows on <paramref name="node"/> (with Last-Event-ID), once it is open.</summary>
        public async Task MoveToAsync(int node)
        {
            _moving = true;
            _node = node;
            await _connection.CancelAsync();
            var wait = Stopwatch.StartNew();
            while (!(IsOpen && ConnectedTo.LastOrDefault() == node && !_moving) && wait.Elapsed < TimeSpan.FromSeconds(20))
                await Task.Delay(100);
            Assert.True(IsOpen && _node == node, $"the live stream did not reopen on node {node + 1}");
        }

        private async Task RunAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                _connection = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                try
                {
                    _moving = false;
                    await FollowAsync(_node, _connection.Token);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (ResyncException)
                {
                    // Reopen on the same node, with Last-Event-ID: the events the listener may have missed come first.
                    continue;
                }
                catch (Exception)
                {
                    // The node is gone, or did not answer 200 (a 503 while the database is down): try the other one.
                    if (!_moving)
                        _node = 1 - _node;
                }
                finally
                {
                    _open = false;
                }
                try
                {
                    await Task.Delay(300, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        private async Task FollowAsync(int node, CancellationToken ct)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Nodes[node] + "/live");
            request.Headers.Add("Cookie", cookie);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            var resuming = _lastEventId is not null;
            if (resuming)
                request.Headers.Add("Last-Event-ID", _lastEventId);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                if ((int)response.StatusCode >= 500 && LooksLikeStackTrace(await response.Content.ReadAsStringAsync(ct)))
                    Interlocked.Increment(ref _stackTraces);
                throw new HttpRequestException($"live answered {(int)response.StatusCode}");
            }
            if (!ConnectedTo.IsEmpty)
                Interlocked.Increment(ref _reconnects);
            ConnectedTo.Enqueue(node);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
            var catchingUp = resuming;
            string? id = null, data = null;
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                if (line == ": open")
                    _open = true;
                else if (line == ": caught up")
                    catchingUp = false;
                else if (line.StartsWith("id: ", StringComparison.Ordinal))
                    id = line[4..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                    data = line[6..];
                else if (line.Length == 0 && data is not null)
                {
                    var e = JsonDocument.Parse(data).RootElement;
                    var kind = e.GetProperty("kind").GetString();
                    if (kind == "resync")
                    {
                        // The node's LISTEN reconnected: what it missed meanwhile is in the catch-up of a new stream.
                        // (A resync within a catch-up means the last id was unknown; there is nothing more to ask for.)
                        if (!catchingUp)
                        {
                            Interlocked.Increment(ref _resyncs);
                            if (_lastEventId is not null)
                                throw new ResyncException();
                        }
                    }
                    else
                    {
                        _items[e.GetProperty("item").GetGuid()] = 0;
                        if (!catchingUp)
                            Interlocked.Increment(ref _liveEvents);
                        if (id is not null)
                            _lastEventId = id;
                    }
                    id = data = null;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _http.Dispose();
        }

        private sealed class ResyncException : Exception;
    }
}
