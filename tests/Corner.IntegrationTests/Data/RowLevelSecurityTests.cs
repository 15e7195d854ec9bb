using Corner.IntegrationTests.Security;
using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Corner.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Corner.IntegrationTests.Data;

/// <summary>
/// The second wall (docs/architecture.md, §5.4): the database itself keeps people apart, whatever the app does.
/// These tests talk to PostgreSQL as the app role with raw Npgsql, the way a bug in the app would.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class RowLevelSecurityTests(CornerAppFactory factory)
{
    // Starting the app applies the migrations; these tests look at the database directly.
    private readonly IServiceProvider _migrated = factory.Services;

    /// <summary>Tables that hold no person or bond data.</summary>
    // Installation-wide secrets, no person's data: the Data Protection keys and the VAPID key pair (both sealed by the master key).
    private static readonly string[] WithoutRowSecurity = ["schema_migrations", "data_protection_keys", "push_vapid_keys"];

    /// <summary>The tables <see cref="SeedAsync"/> puts person A's rows in.</summary>
    private static readonly string[] SeededTables =
        ["people", "person_claims", "person_logins", "person_tokens", "person_passkeys", "bonds", "bond_members", "invitations", "data_keys", "audit_events"];

    private sealed record World(TestPerson A, TestPerson Partner, TestPerson B, Guid BondOfA, Guid BondOfB, Guid InvitationOfA);

    private async Task<World> SeedAsync()
    {
        var a = await factory.CreatePersonAsync("Person A");
        var partner = await factory.CreatePersonAsync("Partner of A");
        var b = await factory.CreatePersonAsync("Person B");
        var bondOfA = await TestSpaces.CreateAsync(factory, "A's space", a, partner);
        var bondOfB = await TestSpaces.CreateAsync(factory, "B's space", b);
        var invitation = await TestSpaces.InviteAsync(factory, bondOfA, a);
        await TestSpaces.AuditAsync(factory, a.Id, bondOfA, AuditKinds.BondCreated);
        await TestSpaces.AuditAsync(factory, a.Id, null, AuditKinds.SignInSucceeded);
        await factory.InScopeAsync(null, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<Person>>();
            var person = (await users.FindByIdAsync(a.Id.ToString()))!;
            await users.AddClaimAsync(person, new System.Security.Claims.Claim("corner:test", "claim"));
            await users.AddLoginAsync(person, new UserLoginInfo("test-provider", Guid.NewGuid().ToString("N"), "Test"));
            await users.SetAuthenticationTokenAsync(person, "test-provider", "token", "value");
            sp.GetRequiredService<CornerDbContext>().Add(new IdentityUserPasskey<Guid>
            {
                UserId = a.Id,
                CredentialId = Guid.NewGuid().ToByteArray(),
                Data = new IdentityPasskeyData { PublicKey = [1], Name = "key", CreatedAt = DateTimeOffset.UtcNow, AttestationObject = [2], ClientDataJson = [3] },
            });
            // A person-owned data key too.
            await sp.GetRequiredService<FieldEncryption>().EncryptAsync(a.Id, new FieldAddress("people", "note", a.Id), "private");
            return 0;
        });
        return new World(a, partner, b, bondOfA, bondOfB, invitation);
    }

    private static async Task<List<string>> RowSecurityTablesAsync() =>
        (await Sql.PublicTablesAsync()).Except(WithoutRowSecurity).ToList();

    /// <summary>Begins a transaction on <paramref name="connection"/> acting as <paramref name="personId"/>, as the app does.</summary>
    private static async Task<NpgsqlTransaction> ActAsAsync(NpgsqlConnection connection, Guid personId)
    {
        var transaction = await connection.BeginTransactionAsync();
        await Sql.ExecuteAsync(connection, "select set_config('corner.person_id', $1, true), set_config('corner.system', 'off', true)", personId.ToString());
        return transaction;
    }

    private static async Task<PostgresException> RefusedAsync(Func<Task> action) =>
        await Assert.ThrowsAsync<PostgresException>(action);

    [Fact]
    public async Task EveryTable_ExceptTheAllowList_HasRowSecurityEnabledForcedAndAPolicy()
    {
        var rows = await Sql.OwnerListAsync<string>("""
            select c.relname || ':' || c.relrowsecurity || ':' || c.relforcerowsecurity || ':' ||
                   (select count(*) from pg_policy p where p.polrelid = c.oid)
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind in ('r', 'p')
            """);
        var unprotected = rows.Select(r => r.Split(':'))
            .Where(r => !WithoutRowSecurity.Contains(r[0]) && (r[1] != "true" || r[2] != "true" || r[3] == "0"))
            .Select(r => $"{r[0]} (enabled {r[1]}, forced {r[2]}, policies {r[3]})").ToList();

        Assert.Contains(rows, r => r.StartsWith("bond_members:", StringComparison.Ordinal));
        Assert.True(unprotected.Count == 0, "Tables without forced row-level security and a policy: " + string.Join(", ", unprotected));
    }

    [Fact]
    public async Task AppRole_Always_IsNotSuperuserNotBypassRlsAndOwnsNothing()
    {
        await using var app = await Sql.OpenAsync(TestDatabase.AppConnectionString);
        var role = await Sql.ScalarAsync<string>(app, "select current_user::text");
        var attributes = await Sql.OwnerScalarAsync<string>(
            "select rolsuper || ':' || rolbypassrls || ':' || rolcreaterole || ':' || rolcreatedb from pg_roles where rolname = $1", role);
        var owned = await Sql.OwnerListAsync<string>(
            "select c.relname::text from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = $1", role);
        var memberOf = await Sql.OwnerListAsync<string>(
            "select g.rolname::text from pg_auth_members m join pg_roles g on g.oid = m.roleid join pg_roles u on u.oid = m.member where u.rolname = $1", role);

        Assert.Equal("corner_app", role);
        Assert.Equal("false:false:false:false", attributes);
        Assert.Empty(owned);
        Assert.Empty(memberOf);
    }

    [Fact]
    public async Task AppRole_OnAuditEvents_CanInsertAndReadButNeverUpdateOrDelete()
    {
        var person = await factory.CreatePersonAsync();
        await using var app = await Sql.OpenAsync(TestDatabase.AppConnectionString);

        await using (var transaction = await ActAsAsync(app, person.Id))
        {
            await Sql.ExecuteAsync(app, "insert into audit_events(occurred_at, kind, person_id) values (now(), 'test.append', $1)", person.Id);
            Assert.Equal(1L, await Sql.ScalarAsync<long>(app, "select count(*) from audit_events where person_id = $1", person.Id));
            await transaction.CommitAsync();
        }
        foreach (var statement in new[] { "update audit_events set detail = 'rewritten' where person_id = $1", "delete from audit_events where person_id = $1" })
        {
            await using var transaction = await ActAsAsync(app, person.Id);
            var error = await RefusedAsync(() => Sql.ExecuteAsync(app, statement, person.Id));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        }
        Assert.Equal(1L, await Sql.OwnerScalarAsync<long>("select count(*) from audit_events where person_id = $1 and detail is null", person.Id));
    }

    [Fact]
    public async Task AppRole_TaggingAnAuditEventWithSomeoneElsesSpace_IsRefused()
    {
        var person = await factory.CreatePersonAsync();
        var stranger = await factory.CreatePersonAsync();
        var mine = await factory.CreateSpaceAsync("Audit mine", person);
        var theirs = await factory.CreateSpaceAsync("Audit theirs", stranger);
        await using var app = await Sql.OpenAsync(TestDatabase.AppConnectionString);
        const string insert = "insert into audit_events(occurred_at, kind, person_id, bond_id) values (now(), 'test.tagged', $1, $2)";

        await using (var transaction = await ActAsAsync(app, person.Id))
        {
            await Sql.ExecuteAsync(app, insert, person.Id, mine);
            await transaction.CommitAsync();
        }
        await using (var transaction = await ActAsAsync(app, person.Id))
        {
            var error = await RefusedAsync(() => Sql.ExecuteAsync(app, insert, person.Id, theirs));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        }
        Assert.Equal(0L, await Sql.OwnerScalarAsync<long>("select count(*) from audit_events where bond_id = $1 and kind = 'test.tagged'", theirs));
    }

    [Theory]
    [InlineData("create table corner_app_scratch(id int)")]
    [InlineData("alter table bond_members disable row level security")]
    [InlineData("alter table bond_members no force row level security")]
    [InlineData("drop policy bond_members_read on bond_members")]
    [InlineData("set role corner_owner")]
    public async Task AppRole_ChangingTheSchemaOrItsRole_IsRefused(string statement)
    {
        await using var app = await Sql.OpenAsync(TestDatabase.AppConnectionString);

        var error = await RefusedAsync(() => Sql.ExecuteAsync(app, statement));

        Assert.True(error.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{error.SqlState}: {error.MessageText}");
        Assert.Null(await Sql.OwnerScalarAsync<string>("select to_regclass('public.corner_app_scratch')::text"));
    }

    [Fact]
    public async Task AppConnection_WithNoContext_SeesNoRowInAnyProtectedTable()
    {
        await SeedAsync();
        var tables = await RowSecurityTablesAsync();
        foreach (var table in SeededTables)
            Assert.True(await Sql.OwnerScalarAsync<long>($"select count(*) from {table}") > 0, $"seed left {table} empty");

        await using var app = await Sql.OpenAsync(TestDatabase.AppConnectionString);
        foreach (var table in tables)
            Assert.True(await Sql.ScalarAsync<long>(app, $"select count(*) from {Sql.Quote(table)}") == 0, $"{table} shows rows with no context");
        await using (await app.BeginTransactionAsync())
            foreach (var table in tables)
                Assert.True(await Sql.ScalarAsync<long>(app, $"select count(*) from {Sql.Quote(table)}") == 0, $"{table} shows rows in a transaction with no settings");
    }

    [Fact]
    public async Task PooledConnection_ReusedForAnotherPerson_ShowsNoneOfTheFirstPersonsRows()
    {
        var world = await SeedAsync();
        // One physical connection, and no reset between uses: the worst case (e.g. a transaction pooler).
        var settings = new NpgsqlConnectionStringBuilder(TestDatabase.AppConnectionString) { MaxPoolSize = 1, NoResetOnClose = true };
        await using var pool = NpgsqlDataSource.Create(settings.ConnectionString);
        var ofA = OwnedBy(world);

        int backend;
        await using (var connection = await pool.OpenConnectionAsync())
        {
            backend = await Sql.ScalarAsync<int>(connection, "select pg_backend_pid()");
            await using (var transaction = await ActAsAsync(connection, world.A.Id))
            {
                foreach (var (table, where) in ofA)
                    Assert.True(await CountAsync(connection, table, where, world) > 0, $"A cannot see their own {table}");
                await transaction.CommitAsync();
            }
            Assert.Equal("", await Sql.ScalarAsync<string>(connection, "select coalesce(current_setting('corner.person_id', true), '')"));
            Assert.Equal(0L, await CountAsync(connection, "bonds", "id = $1", world));
            // Proves this pool keeps session state, so the checks above and below mean something.
            await Sql.ExecuteAsync(connection, "select set_config('corner.probe', 'kept', false)");
        }

        await using (var connection = await pool.OpenConnectionAsync())
        {
            Assert.Equal(backend, await Sql.ScalarAsync<int>(connection, "select pg_backend_pid()"));
            Assert.Equal("kept", await Sql.ScalarAsync<string>(connection, "select current_setting('corner.probe', true)"));
            await using var transaction = await ActAsAsync(connection, world.B.Id);
            foreach (var (table, where) in ofA)
                Assert.True(await CountAsync(connection, table, where, world) == 0, $"B sees A's {table}");
        }
    }

    [Fact]
    public async Task AppDbContext_OnAReusedPooledConnection_DoesNotCarryTheLastPersonsScope()
    {
        var world = await SeedAsync();
        var settings = new NpgsqlConnectionStringBuilder(TestDatabase.AppConnectionString) { MaxPoolSize = 1, NoResetOnClose = true };
        await using var pool = NpgsqlDataSource.Create(settings.ConnectionString);
        CornerDbContext NewContext() => new(new DbContextOptionsBuilder<CornerDbContext>()
            .UseNpgsql(pool).UseApplicationServiceProvider(factory.Services).AddInterceptors(new RowSecurityInterceptor()).Options, new DbScope());

        // The scope applied by the interceptor at transaction start, then by ActAsAsync inside one;
        // after each, the next user of the same connection sees nothing of A.
        await using (var db = NewContext())
        {
            await db.ActAsAsync(world.A.Id);
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.Equal(1, await db.Bonds.CountAsync(b => b.Id == world.BondOfA));
            await transaction.CommitAsync();
        }
        await AssertTheNextUserSeesNothingOfAAsync();
        await using (var db = NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.ActAsAsync(world.A.Id);
            Assert.Equal(1, await db.Bonds.CountAsync(b => b.Id == world.BondOfA));
            await transaction.CommitAsync();
        }
        await AssertTheNextUserSeesNothingOfAAsync();

        async Task AssertTheNextUserSeesNothingOfAAsync()
        {
            await using var db = NewContext();
            Assert.Equal(0, await db.Bonds.CountAsync(b => b.Id == world.BondOfA)); // no transaction
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.Equal(0, await db.Bonds.CountAsync(b => b.Id == world.BondOfA)); // nobody
            await db.ActAsAsync(world.B.Id);
            Assert.Equal(0, await db.Bonds.CountAsync(b => b.Id == world.BondOfA));
            Assert.Equal(0, await db.BondMembers.CountAsync(m => m.BondId == world.BondOfA));
            Assert.Equal(0, await db.DataKeys.CountAsync(k => k.OwnerId == world.BondOfA || k.OwnerId == world.A.Id));
            Assert.Equal(0, await db.AuditEvents.CountAsync(a => a.PersonId == world.A.Id));
            Assert.Equal(0, await db.Users.CountAsync(u => u.Id == world.A.Id));
        }
    }

    /// <summary>Where A's rows are, per table; $1 is A's bond, $2 A's id.</summary>
    private static (string Table, string Where)[] OwnedBy(World world) =>
    [
        ("people", "id = $2"),
        ("person_claims", "user_id = $2"),
        ("person_logins", "user_id = $2"),
        ("person_tokens", "user_id = $2"),
        ("person_passkeys", "user_id = $2"),
        ("bonds", "id = $1"),
        ("bond_members", "bond_id = $1"),
        ("invitations", "bond_id = $1"),
        ("data_keys", "owner_id in ($1, $2)"),
        ("audit_events", "person_id = $2 or bond_id = $1"),
    ];

    private static Task<long> CountAsync(NpgsqlConnection connection, string table, string where, World world) =>
        where.Contains("$2", StringComparison.Ordinal)
            ? Sql.ScalarAsync<long>(connection, $"select count(*) from {table} where {where}", world.BondOfA, world.A.Id)
            : Sql.ScalarAsync<long>(connection, $"select count(*) from {table} where {where}", world.BondOfA);

    [Fact]
    public async Task PersonB_AddingThemselvesToAsBond_IsRejectedByThePolicy()
    {
        var world = await SeedAsync();
        await using var app = await Sql.OpenAsync(TestDatabase.AppConnectionString);
        await using (await ActAsAsync(app, world.B.Id))
        {
            var error = await RefusedAsync(() => Sql.ExecuteAsync(app,
                "insert into bond_members(bond_id, person_id, joined_at) values ($1, $2, now())", world.BondOfA, world.B.Id));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        }
        Assert.Equal(0L, await Sql.OwnerScalarAsync<long>("select count(*) from bond_members where bond_id = $1 and person_id = $2", world.BondOfA, world.B.Id));
    }

    [Fact]
    public async Task PersonB_MovingTheirOwnMembershipIntoAsBond_ChangesNothing()
    {
        var world = await SeedAsync();
        await using var app = await Sql.OpenAsync(TestDatabase.AppConnectionString);
        await using (var transaction = await ActAsAsync(app, world.B.Id))
        {
            try
            {
                await Sql.ExecuteAsync(app, "update bond_members set bond_id = $1 where person_id = $2", world.BondOfA, world.B.Id);
                await transaction.CommitAsync();
            }
            catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                // Refused by the policy: also fine.
            }
        }
        Assert.Equal(0L, await Sql.OwnerScalarAsync<long>("select count(*) from bond_members where bond_id = $1 and person_id = $2", world.BondOfA, world.B.Id));
        Assert.Equal(1L, await Sql.OwnerScalarAsync<long>("select count(*) from bond_members where bond_id = $1 and person_id = $2", world.BondOfB, world.B.Id));
    }

    [Fact]
    public async Task Member_WhoLeft_CannotRejoinByClearingLeftAt()
    {
        var leaver = await factory.CreatePersonAsync();
        var other = await factory.CreatePersonAsync();
        var bond = await TestSpaces.CreateAsync(factory, "A space someone leaves", other, leaver);
        await using var app = await Sql.OpenAsync(TestDatabase.AppConnectionString);

        // Leaving (as the member, not system) works: positive control.
        await using (var transaction = await ActAsAsync(app, leaver.Id))
        {
            Assert.Equal(1, await Sql.ExecuteAsync(app, "update bond_members set left_at = now() where bond_id = $1 and person_id = $2", bond, leaver.Id));
            await transaction.CommitAsync();
        }
        await using (var transaction = await ActAsAsync(app, leaver.Id))
        {
            try
            {
                await Sql.ExecuteAsync(app, "update bond_members set left_at = null where bond_id = $1 and person_id = $2", bond, leaver.Id);
                await transaction.CommitAsync();
            }
            catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
            }
        }

        Assert.Equal(0L, await Sql.OwnerScalarAsync<long>("select count(*) from bond_members where bond_id = $1 and person_id = $2 and left_at is null", bond, leaver.Id));
    }

    [Fact]
    public async Task PersonB_ReadingOrWritingAsData_SeesAndChangesNothing()
    {
        var world = await SeedAsync();
        await using var app = await Sql.OpenAsync(TestDatabase.AppConnectionString);

        await using (await ActAsAsync(app, world.A.Id))
        {
            Assert.True(await Sql.ScalarAsync<long>(app, "select count(*) from data_keys where owner_id in ($1, $2)", world.BondOfA, world.A.Id) == 2);
            Assert.True(await Sql.ScalarAsync<long>(app, "select count(*) from audit_events where person_id = $1", world.A.Id) >= 2);
        }
        await using (await ActAsAsync(app, world.B.Id))
        {
            Assert.Equal(0L, await Sql.ScalarAsync<long>(app, "select count(*) from data_keys where owner_id in ($1, $2)", world.BondOfA, world.A.Id));
            Assert.Equal(0L, await Sql.ScalarAsync<long>(app, "select count(*) from audit_events where person_id = $1 or bond_id = $2", world.A.Id, world.BondOfA));
            Assert.Equal(0L, await Sql.ScalarAsync<long>(app, "select count(*) from invitations where bond_id = $1", world.BondOfA));
            Assert.Equal(0, await Sql.ExecuteAsync(app, "update bonds set name_cipher = '\\x00' where id = $1", world.BondOfA));
            Assert.Equal(0, await Sql.ExecuteAsync(app, "update invitations set revoked_at = now() where id = $1", world.InvitationOfA));
            Assert.Equal(0, await Sql.ExecuteAsync(app, "delete from data_keys where owner_id = $1", world.BondOfA));
            Assert.Equal(0, await Sql.ExecuteAsync(app, "update people set display_name = 'taken over' where id = $1", world.A.Id));
        }
        await using (await ActAsAsync(app, world.B.Id))
        {
            var error = await RefusedAsync(() => Sql.ExecuteAsync(app,
                "insert into invitations(id, bond_id, token_hash, created_by, created_at, expires_at) values (gen_random_uuid(), $1, '\\x01', $2, now(), now() + interval '1 day')",
                world.BondOfA, world.B.Id));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        }
        Assert.Equal(1L, await Sql.OwnerScalarAsync<long>("select count(*) from invitations where bond_id = $1 and revoked_at is null", world.BondOfA));
        Assert.Equal(1L, await Sql.OwnerScalarAsync<long>("select count(*) from data_keys where owner_id = $1", world.BondOfA));
    }
}
