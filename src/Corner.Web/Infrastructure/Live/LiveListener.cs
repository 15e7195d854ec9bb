using Microsoft.Extensions.Options;
using Npgsql;

namespace Corner.Web.Infrastructure.Live;

/// <summary>
/// One per node: a dedicated PostgreSQL connection (its own, not one borrowed from the pool) that
/// LISTENs on <see cref="LiveEvents.Channel"/> and hands every notification to the <see cref="LiveHub"/>.
/// Every node hears every commit's notifications, so a member connected to any node is told. If the
/// connection drops it reconnects after a short, growing pause, and then tells its streams to resync.
/// </summary>
public sealed class LiveListener(IConfiguration configuration, LiveHub hub, IOptions<LiveOptions> options, ILogger<LiveListener> logger)
    : BackgroundService
{
    private TaskCompletionSource _listening = NewSignal();

    /// <summary>How this node's listening connection shows in <c>pg_stat_activity</c>: one name per node.</summary>
    public string ApplicationName { get; } = "corner-live-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>True while the connection is open and listening.</summary>
    public bool IsListening => Volatile.Read(ref _listening).Task.IsCompleted;

    /// <summary>Completes once the node is listening (tests wait on this before making events).</summary>
    public Task WhenListeningAsync(CancellationToken ct = default) => Volatile.Read(ref _listening).Task.WaitAsync(ct);

    /// <summary>The app's own connection string (the one its <see cref="NpgsqlDataSource"/> is built from; the data
    /// source's <c>ConnectionString</c> property leaves the password out), without pooling: this connection lives
    /// as long as the node, and must not take a pool slot.</summary>
    internal string ConnectionString()
    {
        var builder = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("App")
            ?? throw new InvalidOperationException("ConnectionStrings:App is not set."))
        {
            Pooling = false,
            Enlist = false,
            ApplicationName = ApplicationName,
            // Npgsql sends a keepalive query while waiting, so a dead connection is noticed and replaced.
            KeepAlive = 15,
            TcpKeepAlive = true,
        };
        return builder.ConnectionString;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var delay = settings.ReconnectDelay;
        var connectionString = ConnectionString();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += OnNotification;
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"listen {LiveEvents.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                delay = settings.ReconnectDelay;
                // Streams opened while not listening may have missed something (before the signal, so a
                // stream opened after it hears only real events).
                hub.Resync();
                Volatile.Read(ref _listening).TrySetResult();
                logger.LogInformation("Listening for live events as {ApplicationName}", ApplicationName);
                while (true)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            // Whatever went wrong, this node must keep trying: without it, its streams go quiet.
            catch (Exception ex)
            {
                if (IsListening)
                    Volatile.Write(ref _listening, NewSignal());
                logger.LogWarning(ex, "Live events: lost the database connection; reconnecting in {Delay}", delay);
                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxReconnectDelay.Ticks));
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs args)
    {
        if (args.Channel != LiveEvents.Channel)
            return;
        if (LiveEvent.FromPayload(args.Payload) is { } e)
            hub.Deliver(e);
        else
            logger.LogWarning("Live events: ignored a notification that is not a live event");
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>The node's one timer for live streams: every <see cref="LiveOptions.Heartbeat"/>, see <see cref="LiveHub.Tick"/>.</summary>
public sealed class LiveHeartbeat(LiveHub hub, IOptions<LiveOptions> options, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Heartbeat, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                hub.Tick();
        }
        catch (OperationCanceledException)
        {
        }
    }
}
