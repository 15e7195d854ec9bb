using System.Collections;
using System.Text.Json;
using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Corner.Web.Features.Appreciations;
using Corner.Web.Features.CheckIns;
using Corner.Web.Features.Counsel;
using Corner.Web.Features.CycleMap;
using Corner.Web.Features.Moments;
using Corner.Web.Features.PartnerMap;
using Corner.Web.Features.Reconnection;
using Corner.Web.Features.Reminders;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Data;

/// <summary>
/// The EF model and the schema the SQL migrations build must agree (docs/architecture.md). An entity or property
/// added to the model without a migration, or a column added without the model, fails here.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ModelMatchesSchemaTests(CornerAppFactory factory)
{
    // Starting the app applies the migrations; these tests look at the database directly.
    private readonly IServiceProvider _migrated = factory.Services;

    private sealed record DbColumn(string Table, string Column, bool Nullable, string Type);

    private sealed record ModelColumn(string Table, string Column, bool Nullable, string Type, string Owner);

    [Fact]
    public async Task EveryMappedColumn_InTheMigratedSchema_ExistsWithTheSameNullabilityAndType()
    {
        var database = (await ReadSchemaAsync()).ToDictionary(c => (c.Table, c.Column));
        var problems = new List<string>();

        foreach (var column in ModelColumns())
        {
            if (!database.TryGetValue((column.Table, column.Column), out var actual))
            {
                problems.Add($"{column.Owner}: column {column.Table}.{column.Column} does not exist (add a migration)");
                continue;
            }
            if (actual.Nullable != column.Nullable)
                problems.Add($"{column.Owner}: {column.Table}.{column.Column} is {(actual.Nullable ? "nullable" : "not null")} in the database but {(column.Nullable ? "nullable" : "required")} in the model");
            if (!string.Equals(actual.Type, column.Type, StringComparison.OrdinalIgnoreCase))
                problems.Add($"{column.Owner}: {column.Table}.{column.Column} is {actual.Type} in the database but {column.Type} in the model");
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task EveryColumnOfAMappedTable_Always_IsMappedByTheModel()
    {
        var model = ModelColumns().Select(c => (c.Table, c.Column)).ToHashSet();
        var tables = model.Select(c => c.Table).ToHashSet();

        var unmapped = (await ReadSchemaAsync())
            .Where(c => tables.Contains(c.Table) && !model.Contains((c.Table, c.Column)))
            .Select(c => $"{c.Table}.{c.Column}")
            .ToList();

        Assert.NotEmpty(tables);
        Assert.True(unmapped.Count == 0, "Columns the model does not know: " + string.Join(", ", unmapped));
    }

    [Fact]
    public async Task ForeignKeys_OfMappedTables_AreTheSameInTheModelAndTheSchema()
    {
        // Without them EF cannot order inserts: a bond and its members saved together would fail.
        var model = ModelForeignKeys();
        var tables = ModelColumns().Select(c => c.Table).ToHashSet();
        var database = (await Sql.OwnerListAsync<string>("""
            select c.conrelid::regclass::text || '(' ||
                   (select string_agg(a.attname, ',' order by k.ordinality)
                    from unnest(c.conkey) with ordinality k(attnum, ordinality)
                    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum)
                   || ') -> ' || c.confrelid::regclass::text
            from pg_constraint c join pg_namespace n on n.oid = c.connamespace
            where c.contype = 'f' and n.nspname = 'public'
            """)).Where(fk => tables.Contains(fk[..fk.IndexOf('(', StringComparison.Ordinal)])).ToHashSet();

        Assert.NotEmpty(database);
        Assert.True(database.SetEquals(model),
            $"Only in the database: {string.Join("; ", database.Except(model))}. Only in the model: {string.Join("; ", model.Except(database))}");
    }

    [Fact]
    public async Task EveryEntityType_WrittenThroughEf_ReadsBackTheSame()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CornerDbContext>();
        var samples = Samples();
        var missing = db.Model.GetEntityTypes()
            .Where(e => !e.IsOwned() && !samples.ContainsKey(e.ClrType))
            .Select(e => e.DisplayName()).ToList();
        Assert.True(missing.Count == 0, "Add a sample for every entity type to this test: " + string.Join(", ", missing));

        await using var system = await db.SystemScopeAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var written = samples.Values.ToList();
        db.AddRange(written);
        await db.SaveChangesAsync();

        var keys = written.Select(entity =>
        {
            var entry = db.Entry(entity);
            var type = entry.Metadata;
            var unset = type.GetProperties()
                .Where(p => !p.IsShadowProperty() && IsDefault(entry.Property(p.Name).CurrentValue))
                .Select(p => p.Name).ToList();
            Assert.True(unset.Count == 0, $"The {type.DisplayName()} sample leaves {string.Join(", ", unset)} unset; give every property a value");
            return (Entity: entity, Type: type, Key: type.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue).ToArray());
        }).ToList();
        db.ChangeTracker.Clear();

        foreach (var (entity, type, key) in keys)
        {
            var loaded = await db.FindAsync(type.ClrType, key);
            Assert.True(loaded is not null, $"{type.DisplayName()} was written but cannot be read back");
            foreach (var property in type.GetProperties().Where(p => !p.IsShadowProperty()))
            {
                var expected = property.PropertyInfo?.GetValue(entity) ?? property.FieldInfo?.GetValue(entity);
                var actual = db.Entry(loaded).Property(property.Name).CurrentValue;
                Assert.True(SameValue(expected, actual), $"{type.DisplayName()}.{property.Name}: wrote {Show(expected)}, read {Show(actual)}");
            }
            foreach (var navigation in type.GetNavigations().Where(n => n.TargetEntityType.IsOwned()))
            {
                var expected = JsonSerializer.Serialize(navigation.PropertyInfo!.GetValue(entity));
                var actual = JsonSerializer.Serialize(navigation.PropertyInfo!.GetValue(loaded));
                Assert.Equal(expected, actual);
            }
        }
        // Rolled back: nothing stays in the shared database.
    }

    private static Dictionary<Type, object> Samples()
    {
        var now = Truncate(DateTimeOffset.UtcNow);
        var personId = Guid.NewGuid();
        var grantId = Guid.NewGuid();
        var bondId = Guid.NewGuid();
        var checkInId = Guid.NewGuid();
        var askId = Guid.NewGuid();
        var suffix = Guid.NewGuid().ToString("N");
        var email = $"model-{suffix}@example.test";
        return new Dictionary<Type, object>
        {
            [typeof(Person)] = new Person
            {
                Id = personId,
                DisplayName = "Model Sample",
                Kind = PersonKinds.Counsellor,
                PracticeName = "Sample Practice",
                TimeZone = "Europe/Paris",
                Locale = "fr",
                CreatedAt = now,
                DeletedAt = now,
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                PasswordHash = "hash",
                SecurityStamp = "stamp",
                ConcurrencyStamp = "concurrency",
                PhoneNumber = "+44 20 0000 0000",
                PhoneNumberConfirmed = true,
                TwoFactorEnabled = true,
                LockoutEnd = now.AddMinutes(5),
                LockoutEnabled = true,
                AccessFailedCount = 3,
            },
            [typeof(IdentityUserClaim<Guid>)] = new IdentityUserClaim<Guid> { UserId = personId, ClaimType = "type", ClaimValue = "value" },
            [typeof(IdentityUserLogin<Guid>)] = new IdentityUserLogin<Guid> { UserId = personId, LoginProvider = "provider", ProviderKey = suffix, ProviderDisplayName = "Provider" },
            [typeof(IdentityUserToken<Guid>)] = new IdentityUserToken<Guid> { UserId = personId, LoginProvider = "provider", Name = "token", Value = "value" },
            [typeof(IdentityUserPasskey<Guid>)] = new IdentityUserPasskey<Guid>
            {
                UserId = personId,
                CredentialId = Guid.NewGuid().ToByteArray(),
                Data = new IdentityPasskeyData
                {
                    PublicKey = [1, 2, 3],
                    Name = "laptop",
                    CreatedAt = now,
                    SignCount = 7,
                    Transports = ["usb", "internal"],
                    IsUserVerified = true,
                    IsBackupEligible = true,
                    IsBackedUp = true,
                    AttestationObject = [4, 5],
                    ClientDataJson = [6, 7],
                },
            },
            [typeof(Bond)] = new Bond { Id = bondId, Kind = BondKind.Siblings, NameCipher = [9, 9, 9], CreatedBy = personId, CreatedAt = now },
            [typeof(BondMember)] = new BondMember { BondId = bondId, PersonId = personId, JoinedAt = now, LeftAt = now.AddDays(1) },
            [typeof(Invitation)] = new Invitation
            {
                Id = Guid.NewGuid(),
                BondId = bondId,
                TokenHash = Guid.NewGuid().ToByteArray(),
                CreatedBy = personId,
                CreatedAt = now,
                ExpiresAt = now.AddDays(7),
                RedeemedAt = now.AddHours(1),
                RedeemedBy = personId,
                RevokedAt = now.AddHours(2),
            },
            [typeof(DataKey)] = new DataKey { OwnerId = bondId, Version = 3, WrappedKey = [1, 1, 2], MasterKeyId = "0123456789abcdef", CreatedAt = now },
            [typeof(AuditEvent)] = new AuditEvent { OccurredAt = now, Kind = "model.sample", PersonId = personId, BondId = bondId, Detail = "detail" },
            [typeof(DataProtectionKeyRow)] = new DataProtectionKeyRow { FriendlyName = "model-sample", Xml = "<key/>" },
            [typeof(Corner.Web.Features.Export.ExportFile)] = new Corner.Web.Features.Export.ExportFile
            {
                Id = Guid.NewGuid(),
                PersonId = personId,
                State = "ready",
                Progress = 100,
                FileCipher = [1, 2, 3],
                FileSize = 3,
                RequestedAt = now,
                ReadyAt = now.AddMinutes(1),
                ExpiresAt = now.AddDays(1),
            },
            [typeof(ReminderSetting)] = new ReminderSetting
            {
                PersonId = personId,
                Enabled = true,
                LocalTime = new TimeOnly(20, 30),
                QuietStart = new TimeOnly(22, 0),
                QuietEnd = new TimeOnly(7, 0),
                UnsubscribeTokenHash = Guid.NewGuid().ToByteArray(),
                UpdatedAt = now,
            },
            [typeof(CheckIn)] = new CheckIn
            {
                Id = checkInId,
                PersonId = personId,
                LocalDate = new DateOnly(2026, 3, 29),
                SurfaceFeelings = ["sad.lonely", "mad.hurt"],
                UnderlyingFeelings = ["scared.rejected"],
                Intensity = 4,
                NoteCipher = [7, 7],
                CreatedAt = now,
                UpdatedAt = now.AddMinutes(1),
            },
            [typeof(CheckInShare)] = new CheckInShare
            {
                CheckInId = checkInId,
                BondId = bondId,
                PersonId = personId,
                LocalDate = new DateOnly(2026, 3, 29),
                Supported = 2,
                NoteCipher = [8, 8],
                SharedAt = now,
            },
            [typeof(Reflection)] = new Reflection
            {
                Id = Guid.NewGuid(),
                CheckInId = checkInId,
                BondId = bondId,
                AuthorId = personId,
                Feeling = "sad.lonely",
                WordsCipher = [6],
                CreatedAt = now,
                Response = "yes",
                RespondedAt = now.AddHours(1),
            },
            [typeof(Appreciation)] = new Appreciation
            {
                Id = Guid.NewGuid(),
                BondId = bondId,
                AuthorId = personId,
                RecipientId = personId,
                Kind = "admire",
                WordsCipher = [5, 5],
                SubmissionId = Guid.NewGuid(),
                CreatedAt = now,
            },
            [typeof(BackingStatement)] = new BackingStatement
            {
                Id = Guid.NewGuid(),
                BondId = bondId,
                AuthorId = personId,
                WordsCipher = [4, 4],
                Position = 2,
                SubmissionId = Guid.NewGuid(),
                CreatedAt = now,
                UpdatedAt = now.AddMinutes(2),
                RetiredAt = now.AddMinutes(3),
            },
            [typeof(MapSelfAnswer)] = new MapSelfAnswer
            {
                Id = Guid.NewGuid(),
                BondId = bondId,
                PersonId = personId,
                QuestionId = "stress.1",
                TextCipher = [5, 5],
                Shared = true,
                AnsweredAt = now.AddHours(2),
                CreatedAt = now,
            },
            [typeof(MapGuess)] = new MapGuess
            {
                Id = Guid.NewGuid(),
                BondId = bondId,
                GuesserId = personId,
                SubjectId = personId,
                QuestionId = "stress.2",
                TextCipher = [4],
                GuessedAt = now.AddHours(2),
                CreatedAt = now,
                Mark = "close",
                NoteCipher = [3, 3],
                ComparedAt = now.AddHours(3),
            },
            [typeof(MapTrust)] = new MapTrust { PersonId = personId, BondId = bondId, ConfirmedAt = now },
            [typeof(MapQuestionOffer)] = new MapQuestionOffer
            {
                PersonId = personId,
                BondId = bondId,
                LocalDate = new DateOnly(2026, 3, 30),
                QuestionId = "voicing.2",
                Round = 2,
            },
            [typeof(CycleHalf)] = new CycleHalf
            {
                Id = Guid.NewGuid(),
                BondId = bondId,
                PersonId = personId,
                Behaviours = ["fight.criticise", "flight.go_quiet"],
                TriggerCipher = [1],
                ReactionCipher = [2],
                SurfaceCipher = [3],
                UnderneathCipher = [4],
                NeedCipher = [5],
                ToKnowCipher = [6],
                SharedAt = now.AddMinutes(2),
                CreatedAt = now,
                UpdatedAt = now.AddMinutes(1),
            },
            [typeof(CycleTime)] = new CycleTime
            {
                Id = Guid.NewGuid(),
                BondId = bondId,
                NotedBy = personId,
                RequestKey = Guid.NewGuid(),
                LocalDate = new DateOnly(2026, 3, 30),
                Parts = ["pursue", "withdraw"],
                Reconnected = "next_day",
                NoteCipher = [7],
                CreatedAt = now,
            },
            [typeof(ReconnectionPlan)] = new ReconnectionPlan
            {
                BondId = bondId,
                Version = 2,
                SignCipher = [1],
                PauseStepsCipher = [2],
                ComingBackCipher = [3],
                RepairPhraseCipher = [4],
                CreatedAt = now,
                UpdatedBy = personId,
                UpdatedAt = now.AddMinutes(3),
            },
            [typeof(ReconnectionPlanChange)] = new ReconnectionPlanChange
            {
                BondId = bondId,
                Version = 2,
                ChangedBy = personId,
                ChangedAt = now,
                ChangedParts = ["sign", "repair_phrase"],
            },
            [typeof(ReconnectionPlanConfirmation)] = new ReconnectionPlanConfirmation { BondId = bondId, PersonId = personId, Version = 2, ConfirmedAt = now },
            [typeof(Pause)] = new Pause
            {
                Id = Guid.NewGuid(),
                BondId = bondId,
                StartedBy = personId,
                StartedAt = now,
                EndsAt = now.AddMinutes(20),
                Ready = [personId],
                EndedAt = now.AddMinutes(25),
                EndedBy = personId,
            },
            [typeof(CounsellorGrant)] = new CounsellorGrant
            {
                Id = grantId,
                BondId = bondId,
                ProposedBy = personId,
                CounsellorId = personId,
                TokenHash = [9, 9],
                TokenExpiresAt = now.AddDays(7),
                Scopes = ["trends", "check-ins"],
                VisibleFrom = new DateOnly(2026, 1, 1),
                VisibleUntil = new DateOnly(2026, 2, 1),
                ExpiresAt = now.AddDays(30),
                ShownAsCipher = [9, 1],
                PurposeCipher = [9, 2],
                Version = 3,
                CreatedAt = now,
                ChangedAt = now.AddMinutes(1),
                TakenAt = now.AddMinutes(2),
                RevokedAt = now.AddMinutes(3),
                RevokedBy = personId,
            },
            [typeof(CounsellorSuggestion)] = new CounsellorSuggestion
            {
                Id = Guid.NewGuid(),
                GrantId = grantId,
                BondId = bondId,
                CounsellorId = personId,
                Practice = "pause",
                NoteCipher = [9, 3],
                CreatedAt = now,
                TriedBy = [personId],
                ClosedAt = now.AddDays(1),
                ClosedBy = personId,
                ClosedAs = "done",
            },
            [typeof(CounsellorConsent)] = new CounsellorConsent { GrantId = grantId, BondId = bondId, PersonId = personId, Version = 3, ConsentedAt = now },
            [typeof(BackingAsk)] = new BackingAsk
            {
                Id = askId,
                BondId = bondId,
                AskerId = personId,
                SupporterId = personId,
                OnDate = new DateOnly(2026, 4, 4),
                SituationCipher = [5, 1],
                HelpCipher = [5, 2],
                SubmissionId = Guid.NewGuid(),
                CreatedAt = now,
            },
            [typeof(Moment)] = new Moment
            {
                Id = Guid.NewGuid(),
                BondId = bondId,
                SupporterId = personId,
                BackedId = personId,
                AskId = askId,
                SituationCipher = [4, 1],
                NoticedCipher = [4, 2],
                SidedCipher = [4, 3],
                ActionCipher = [4, 4],
                SubmissionId = Guid.NewGuid(),
                RecordedAt = now,
                Answer = "partly",
                MoreCipher = [4, 5],
                AnsweredAt = now.AddHours(1),
                ReinforceCipher = [4, 6],
                ReinforcedAt = now.AddHours(2),
            },
            [typeof(MissedMoment)] = new MissedMoment
            {
                Id = Guid.NewGuid(),
                BondId = bondId,
                AuthorId = personId,
                OtherId = personId,
                Side = "should_have",
                WhatCipher = [3, 1],
                Reasons = ["stress", "avoided_conflict"],
                ReflectionCipher = [3, 2],
                SubmissionId = Guid.NewGuid(),
                CreatedAt = now,
                ResponseCipher = [3, 3],
                RespondedAt = now.AddHours(1),
                AuthorRepairedAt = now.AddHours(2),
                OtherRepairedAt = now.AddHours(3),
            },
            [typeof(MomentNudgeSetting)] = new MomentNudgeSetting { PersonId = personId, Enabled = true, UpdatedAt = now },
        };
    }

    /// <summary>Every column the model maps, read from the full (design-time) model.</summary>
    private IReadOnlyList<ModelColumn> ModelColumns()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CornerDbContext>();
        var model = db.GetService<IDesignTimeModel>().Model;
        var columns = new List<ModelColumn>();
        foreach (var entity in model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            Assert.True(table is not null, $"{entity.DisplayName()} is not mapped to a table");
            if (entity.IsMappedToJson())
            {
                // A JSON-mapped type lives in one jsonb column of its owner's table.
                if (entity.FindOwnership()!.PrincipalEntityType.IsMappedToJson())
                    continue;
                columns.Add(new ModelColumn(table, entity.GetContainerColumnName()!, !entity.FindOwnership()!.IsRequired,
                    entity.GetContainerColumnType() ?? "jsonb", entity.DisplayName()));
                continue;
            }
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var property in entity.GetProperties())
                columns.Add(new ModelColumn(table, property.GetColumnName(store)!, property.IsColumnNullable(store),
                    property.GetColumnType(store), entity.DisplayName()));
        }
        return columns.DistinctBy(c => (c.Table, c.Column)).ToList();
    }

    private HashSet<string> ModelForeignKeys()
    {
        using var scope = factory.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<CornerDbContext>().GetService<IDesignTimeModel>().Model;
        return model.GetEntityTypes()
            .Where(e => !e.IsMappedToJson())
            .SelectMany(e => e.GetForeignKeys()
                .Where(fk => !fk.PrincipalEntityType.IsMappedToJson() && !fk.IsOwnership)
                .Select(fk =>
                {
                    var store = StoreObjectIdentifier.Table(e.GetTableName()!, e.GetSchema());
                    return $"{e.GetTableName()}({string.Join(',', fk.Properties.Select(p => p.GetColumnName(store)))}) -> {fk.PrincipalEntityType.GetTableName()}";
                }))
            .ToHashSet();
    }

    private static async Task<List<DbColumn>> ReadSchemaAsync()
    {
        await using var connection = await Sql.OpenAsync(TestDatabase.OwnerConnectionString);
        await using var command = new Npgsql.NpgsqlCommand("""
            select table_name::text, column_name::text, is_nullable = 'YES',
                   case when data_type = 'character varying' and character_maximum_length is not null
                        then 'character varying(' || character_maximum_length || ')'
                        when data_type = 'ARRAY' then substring(udt_name from 2) || '[]'
                        else data_type::text end
            from information_schema.columns where table_schema = 'public'
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var result = new List<DbColumn>();
        while (await reader.ReadAsync())
            result.Add(new DbColumn(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetString(3)));
        return result;
    }

    private static DateTimeOffset Truncate(DateTimeOffset value) => new(value.UtcTicks - value.UtcTicks % 10, TimeSpan.Zero);

    private static bool IsDefault(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        byte[] b => b.Length == 0,
        Guid g => g == Guid.Empty,
        DateTimeOffset d => d == default,
        bool b => !b,
        int i => i == 0,
        long l => l == 0,
        Enum e => Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture) == 0,
        _ => false,
    };

    private static bool SameValue(object? expected, object? actual) => (expected, actual) switch
    {
        (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
        (DateTimeOffset a, DateTimeOffset b) => a.UtcTicks == b.UtcTicks,
        (IEnumerable a, IEnumerable b) when expected is not string => a.Cast<object>().SequenceEqual(b.Cast<object>()),
        _ => Equals(expected, actual),
    };

    private static string Show(object? value) => value switch
    {
        null => "null",
        byte[] b => Convert.ToHexString(b),
        _ => value.ToString() ?? "",
    };
}
