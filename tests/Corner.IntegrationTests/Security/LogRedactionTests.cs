using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using Corner.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Corner.IntegrationTests.Security;

/// <summary>docs/architecture.md: logs never contain what people wrote, their passwords or their tokens.</summary>
[Collection(AppCollection.Name)]
public sealed class LogRedactionTests
{
    [Fact]
    public async Task Requests_CarryingTextPasswordsAndTokens_LeaveNoneOfThemInTheLogs()
    {
        using var app = new LogCaptureFactory();
        var canary = "canary-note-" + Guid.NewGuid().ToString("N");
        var password = "password canary " + Guid.NewGuid().ToString("N");
        var token = "token-canary-" + Guid.NewGuid().ToString("N");
        var person = await app.CreatePersonAsync(password: password);
        var anonymous = app.NewClient();
        var signedIn = await app.SignedInClientAsync(person);
        var antiforgery = await signedIn.AntiforgeryTokenAsync("/");
        var credentials = new Dictionary<string, string>
        {
            ["Email"] = person.Email,
            ["Password"] = password,
            ["Input.Email"] = person.Email,
            ["Input.Password"] = password,
            ["DisplayName"] = canary,
            ["Input.DisplayName"] = canary,
            ["Note"] = canary,
        };

        await anonymous.PostAsync("/account/sign-in", new FormUrlEncodedContent(credentials));
        await anonymous.PostAsync("/account/register", new FormUrlEncodedContent(credentials));
        await anonymous.GetAsync($"/account/reset-password?email={Uri.EscapeDataString(person.Email)}&code={token}");
        await anonymous.GetAsync($"/join/{token}");
        await anonymous.GetAsync($"/?token={token}");
        await anonymous.PostAsJsonAsync("/api/v1/account/sign-in", new { email = person.Email, password });
        await signedIn.PostAsync("/", new FormUrlEncodedContent(new Dictionary<string, string>(credentials) { ["__RequestVerificationToken"] = antiforgery }));
        await signedIn.PostAsync("/", new FormUrlEncodedContent(credentials)); // no antiforgery token: refused
        await signedIn.PostAsync("/spaces/new", new FormUrlEncodedContent(new Dictionary<string, string>(credentials) { ["Name"] = canary, ["__RequestVerificationToken"] = antiforgery }));
        await signedIn.PostAsJsonAsync("/api/v1/spaces", new { name = canary, password });
        await signedIn.PostAsync($"/api/v1/spaces/{Guid.NewGuid()}/invitations",
            new StringContent($"{{\"note\": \"{canary}\", \"password\": \"{password}", Encoding.UTF8, "application/json"));
        await signedIn.GetAsync($"/api/v1/spaces/{Guid.NewGuid()}?token={token}");
        // Positive control: the capture sees what the app logs.
        var marker = "log-marker-" + Guid.NewGuid().ToString("N");
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Corner.Test").LogInformation("Marker {Marker}", marker);

        var messages = app.Logs.Messages.ToList();
        Assert.Contains(messages, m => m.Contains(marker, StringComparison.Ordinal));
        foreach (var (what, secret) in new[] { ("intimate text", canary), ("a password", password), ("a token", token) })
        {
            var leaks = messages.Where(m => m.Contains(secret, StringComparison.Ordinal)).ToList();
            Assert.True(leaks.Count == 0, $"The logs contain {what}:{Environment.NewLine}{string.Join(Environment.NewLine, leaks)}");
        }
    }

    /// <summary>Corner with every message it logs captured in memory, at the levels the app itself
    /// configures (what production would write).</summary>
    private sealed class LogCaptureFactory : CornerAppFactory
    {
        public CapturingLoggerProvider Logs { get; } = new();

        protected override void ConfigureTestServices(IServiceCollection services) =>
            services.AddSingleton<ILoggerProvider>(Logs);
    }

    public sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, Messages);

        public void Dispose() { }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new StringBuilder(category).Append(": ").Append(formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
                foreach (var (key, value) in values)
                    text.Append(' ').Append(key).Append('=').Append(value);
            if (exception is not null)
                text.Append(' ').Append(exception);
            messages.Enqueue(text.ToString());
        }
    }
}
