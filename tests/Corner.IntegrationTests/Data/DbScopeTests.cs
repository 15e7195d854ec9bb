using System.Net;
using System.Net.Http.Json;
using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Corner.Web.Features.Reminders;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Corner.IntegrationTests.Data;

/// <summary>
/// Scope switches that cannot leak (issue 10): system scope is entered only through SystemScopeAsync, which puts
/// back whoever was acting, in C# and on the open transaction, also when the work inside throws; and no request
/// ever ends in system scope (<see cref="ScopeWatch"/> checks that for every request of every test).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DbScopeTests(CornerAppFactory factory)
{
    [Fact]
    public async Task SystemScope_WhenTheWorkInsideThrows_LeavesTheConnectionInThePersonsScope()
    {
        var person = await factory.CreatePersonAsync();
        await factory.CreatePersonAsync(); // someone only system scope may see
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CornerDbContext>();
        await db.ActAsAsync(person.Id);
        await using var transaction = await db.Database.BeginTransactionAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using (await db.SystemScopeAsync())
            {
                Assert.Equal("on", await SettingAsync(db, "corner.system"));
                Assert.True(await db.Users.CountAsync() > 1);
                throw new InvalidOperationException("the work failed half way");
            }
        });

        Assert.Equal(person.Id.ToString(), await SettingAsync(db, "corner.person_id"));
        Assert.Equal("off", await SettingAsync(db, "corner.system"));
        Assert.Equal(1, await db.Users.CountAsync());
        Assert.Equal((person.Id, false), (db.Scope.PersonId, db.Scope.IsSystem));
    }

    [Fact]
    public async Task SystemScope_WhenTheDatabaseRefusesTheWorkInside_ShowsThatErrorAndTheNextTransactionIsThePersons()
    {
        var person = await factory.CreatePersonAsync();
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CornerDbContext>();
        await db.ActAsAsync(person.Id);

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var error = await Assert.ThrowsAsync<PostgresException>(async () =>
            {
                await using (await db.SystemScopeAsync())
                    await db.Database.ExecuteSqlRawAsync("select 1 / 0");
            });
            // The work's own error, not "current transaction is aborted" from putting the scope back.
            Assert.Equal(PostgresErrorCodes.DivisionByZero, error.SqlState);
        }

        await using (var next = await db.Database.BeginTransactionAsync())
        {
            Assert.Equal(person.Id.ToString(), await SettingAsync(db, "corner.person_id"));
            Assert.Equal("off", await SettingAsync(db, "corner.system"));
        }
    }

    [Fact]
    public async Task SystemScope_InsideSystemScope_PutsBackSystemScope()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CornerDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await using (await db.SystemScopeAsync())
        {
            await using (await db.SystemScopeAsync())
                Assert.True(db.Scope.IsSystem);
            Assert.Equal("on", await SettingAsync(db, "corner.system"));
        }
        Assert.Equal(("", "off"), (await SettingAsync(db, "corner.person_id"), await SettingAsync(db, "corner.system")));
    }

    [Fact]
    public async Task Handler_ThatThrowsInsideSystemScope_LeavesTheRequestInThePersonsScope()
    {
        using var app = new ScopeEndpointsFactory();
        var person = await app.CreatePersonAsync();
        var client = await app.SignedInClientAsync(person);

        var answer = await client.GetStringAsync(ScopeEndpointsFactory.ThrowInsideSystemPath);

        Assert.Equal($"{person.Id}|off", answer);
    }

    /// <summary>The flows that step into system scope (sign-in look-ups, the reminder stop link, invitation links,
    /// registration, password help) each end in the scope of whoever asked.</summary>
    [Fact]
    public async Task Requests_ThatStepIntoSystemScope_EndInTheAskersScope()
    {
        var person = await factory.CreatePersonAsync();
        var other = await factory.CreatePersonAsync();
        var space = await factory.CreateSpaceAsync("A space with a link", other);
        var (invitation, hash) = Corner.Web.Features.Bonds.InvitationToken.Create();
        await factory.InScopeAsync(null, sp =>
        {
            sp.GetRequiredService<CornerDbContext>().Invitations.Add(new Invitation
            {
                Id = Guid.NewGuid(),
                BondId = space,
                TokenHash = hash,
                CreatedBy = other.Id,
                CreatedAt = DateTimeOffset.UtcNow,
                ExpiresAt = DateTimeOffset.UtcNow.AddDays(7),
            });
            return Task.FromResult(0);
        });
        var stopToken = await factory.InScopeAsync(null, sp =>
        {
            var token = sp.GetRequiredService<ReminderStopToken>().For(person.Id);
            sp.GetRequiredService<CornerDbContext>().Add(new ReminderSetting
            {
                PersonId = person.Id,
                Enabled = true,
                LocalTime = new TimeOnly(19, 0),
                UnsubscribeTokenHash = ReminderStopToken.Hash(token),
                UpdatedAt = DateTimeOffset.UtcNow,
            });
            return Task.FromResult(token);
        });
        var anonymous = factory.NewClient();
        var signedIn = await factory.SignedInClientAsync(person);
        var ends = new List<(string Step, string Scope, string Expected)>();

        async Task<HttpResponseMessage> Watched(string step, HttpClient client, Guid? expected, Func<HttpClient, Task<HttpResponseMessage>> send)
        {
            var id = Guid.NewGuid().ToString("N");
            client.DefaultRequestHeaders.Remove(ScopeWatch.RequestHeader);
            client.DefaultRequestHeaders.Add(ScopeWatch.RequestHeader, id);
            var response = await send(client);
            client.DefaultRequestHeaders.Remove(ScopeWatch.RequestHeader);
            ends.Add((step, ScopeWatch.Ended.TryGetValue(id, out var ended) ? ended : "(not seen)", expected is { } p ? $"person:{p}" : "nobody"));
            return response;
        }

        var wrong = await Watched("token, wrong password", anonymous, null,
            c => c.PostAsJsonAsync("/api/v1/auth/token", new { email = person.Email, password = "not the password" }));
        var token = await Watched("token, right password", anonymous, person.Id,
            c => c.PostAsJsonAsync("/api/v1/auth/token", new { email = person.Email, password = person.Password }));
        var signIn = await Watched("sign-in page", anonymous, null, c => c.SubmitFormAsync("/account/sign-in",
            new Dictionary<string, string> { ["Input.Email"] = person.Email, ["Input.Password"] = "not the password" }));
        var stopGet = await Watched("reminder stop link", anonymous, null, c => c.GetAsync("/reminders/stop/" + stopToken));
        var stopPost = await Watched("reminder stop button", anonymous, null,
            c => c.SubmitFormAsync("/reminders/stop/" + stopToken, new Dictionary<string, string>()));
        var join = await Watched("invitation link", signedIn, person.Id, c => c.GetAsync("/join/" + invitation));
        var joinAnonymous = await Watched("invitation link, signed out", anonymous, null, c => c.GetAsync("/join/" + invitation));
        var forgot = await Watched("forgot password", anonymous, null, c => c.SubmitFormAsync("/account/forgot-password",
            new Dictionary<string, string> { ["Input.Email"] = person.Email }));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal(HttpStatusCode.OK, join.StatusCode);
        Assert.Equal(HttpStatusCode.OK, joinAnonymous.StatusCode);
        Assert.NotEqual(HttpStatusCode.InternalServerError, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stopGet.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stopPost.StatusCode);
        Assert.NotEqual(HttpStatusCode.InternalServerError, forgot.StatusCode);
        var wrongEnds = ends.Where(e => e.Scope != e.Expected).Select(e => $"{e.Step}: ended {e.Scope}, not {e.Expected}").ToList();
        Assert.True(wrongEnds.Count == 0, string.Join("\n", wrongEnds));
    }

    private static Task<string> SettingAsync(CornerDbContext db, string name) =>
        db.Database.SqlQuery<string>($"select current_setting({name}, true) as \"Value\"").SingleAsync();

    /// <summary>Corner plus one test-only endpoint that steps into system scope, throws there, and answers with the
    /// scope the request's transaction carries afterwards.</summary>
    private sealed class ScopeEndpointsFactory : CornerAppFactory
    {
        public const string ThrowInsideSystemPath = "/test/scope/throw-inside-system";

        protected override void ConfigureTestServices(IServiceCollection services) =>
            services.AddSingleton<IStartupFilter, Endpoints>();

        private sealed class Endpoints : IStartupFilter
        {
            private static readonly Endpoint ThrowInsideSystem = new(async context =>
            {
                var db = context.RequestServices.GetRequiredService<CornerDbContext>();
                try
                {
                    await using (await db.SystemScopeAsync())
                        throw new InvalidOperationException("a handler failing in system scope");
                }
                catch (InvalidOperationException)
                {
                }
                var settings = await db.Database.SqlQuery<string>(
                    $"select current_setting('corner.person_id', true) || '|' || current_setting('corner.system', true) as \"Value\"").SingleAsync();
                await context.Response.WriteAsync(settings);
            }, new EndpointMetadataCollection(new AllowAnonymousAttribute()), "test " + ThrowInsideSystemPath);

            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((context, nextMiddleware) =>
                {
                    if (context.Request.Path == ThrowInsideSystemPath)
                        context.SetEndpoint(ThrowInsideSystem);
                    return nextMiddleware(context);
                });
                next(app);
            };
        }
    }
}
