using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Corner.IntegrationTests.Support;

/// <summary>
/// A real MTA for email tests: Debian's Exim (installed by script/setup --browser), run by the test with
/// a configuration of its own, listening on a free loopback port and delivering every accepted message
/// to one Maildir. Recipients whose local part starts with "bounce" are refused with a 550, as a
/// mailbox that does not exist would be.
/// </summary>
public sealed class LocalSmtpServer : IAsyncDisposable
{
    private readonly string _folder;
    private readonly Process _process;

    private LocalSmtpServer(string folder, int port, Process process)
    {
        _folder = folder;
        Port = port;
        _process = process;
    }

    public int Port { get; }
    public string Maildir => Path.Combine(_folder, "maildir");

    public static async Task<LocalSmtpServer> StartAsync()
    {
        const string exim = "/usr/sbin/exim4";
        if (!OperatingSystem.IsLinux() || !File.Exists(exim))
            throw new InvalidOperationException("Exim is not installed: run script/setup --browser (script/test does).");
        var folder = Path.Combine(Path.GetTempPath(), "corner-smtp", Guid.NewGuid().ToString("N"));
        // Exim writes its spool, log and deliveries as its own user, whoever started it.
        const UnixFileMode anyone = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        foreach (var sub in new[] { "spool", "log", "maildir" })
            File.SetUnixFileMode(Directory.CreateDirectory(Path.Combine(folder, sub)).FullName, anyone);
        var port = FreePort();
        var config = Path.Combine(folder, "exim.conf");
        await File.WriteAllTextAsync(config, $$"""
            primary_hostname = corner-test.localhost
            daemon_smtp_ports = {{port}}
            local_interfaces = 127.0.0.1
            domainlist local_domains = *
            spool_directory = {{folder}}/spool
            log_file_path = {{folder}}/log/%slog
            acl_smtp_rcpt = check_recipient
            host_lookup =
            rfc1413_hosts =
            tls_advertise_hosts =
            begin acl
            check_recipient:
              deny message = No such mailbox here
                   local_parts = ^bounce
              accept
            begin routers
            local_mailbox:
              driver = accept
              transport = maildir
            begin transports
            maildir:
              driver = appendfile
              directory = {{folder}}/maildir
              maildir_format
              create_directory
              mode = 0644
            """);
        // -bd: run as a daemon; -oP: where it writes its pid, so Dispose ends exactly this one.
        var process = Process.Start(new ProcessStartInfo(exim, ["-C", config, "-bd", "-q5s", "-oP", Path.Combine(folder, "exim.pid")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("Exim did not start");
        var server = new LocalSmtpServer(folder, port, process);
        await server.WaitUntilListeningAsync();
        return server;
    }

    /// <summary>Messages delivered so far (Exim delivers as soon as it accepts, so this waits a little).</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(int atLeast, TimeSpan? patience = null)
    {
        var until = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var files = Directory.Exists(Path.Combine(Maildir, "new")) ? Directory.GetFiles(Path.Combine(Maildir, "new")) : [];
            if (files.Length >= atLeast || DateTime.UtcNow > until)
                return files.Select(f => MimeMessage.Load(f)).ToList();
            await Task.Delay(100);
        }
    }

    public string MainLog => File.Exists(Path.Combine(_folder, "log", "mainlog")) ? File.ReadAllText(Path.Combine(_folder, "log", "mainlog")) : "";

    private async Task WaitUntilListeningAsync()
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < until && !FailedToStart)
            {
                await Task.Delay(100);
            }
            catch (SocketException e)
            {
                var why = _process.HasExited ? await _process.StandardError.ReadToEndAsync() : "";
                throw new InvalidOperationException($"Exim is not listening on {Port}: {why} {MainLog} {PanicLog}", e);
            }
        }
    }

    // "exim -bd" forks the daemon and its first process exits at once with 0: only a non-zero exit means
    // it did not start (waiting on HasExited alone lost a race with the daemon's first listen).
    private bool FailedToStart => _process.HasExited && _process.ExitCode != 0;

    private string PanicLog => File.Exists(Path.Combine(_folder, "log", "paniclog")) ? File.ReadAllText(Path.Combine(_folder, "log", "paniclog")) : "";

    /// <summary>A port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        // The daemon forks: end the pid it wrote (and the one we started, if it is still there).
        var pidFile = Path.Combine(_folder, "exim.pid");
        if (File.Exists(pidFile) && int.TryParse((await File.ReadAllTextAsync(pidFile)).Trim(), out var pid))
        {
            try { Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
        }
        if (!_process.HasExited)
            _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
