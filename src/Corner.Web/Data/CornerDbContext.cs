using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Data;

public sealed class CornerDbContext(DbContextOptions<CornerDbContext> options, DbScope scope)
    : IdentityUserContext<Person, Guid, IdentityUserClaim<Guid>, IdentityUserLogin<Guid>, IdentityUserToken<Guid>, IdentityUserPasskey<Guid>>(options)
{
    /// <summary>Who the database is told is asking; applied at the start of every transaction.</summary>
    public DbScope Scope { get; } = scope;

    public DbSet<Bond> Bonds => Set<Bond>();
    public DbSet<BondMember> BondMembers => Set<BondMember>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<DataKey> DataKeys => Set<DataKey>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<DataProtectionKeyRow> DataProtectionKeys => Set<DataProtectionKeyRow>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<Person>(e =>
        {
            e.ToTable("people");
            e.Property(p => p.DisplayName).HasMaxLength(60);
            e.Property(p => p.TimeZone).HasMaxLength(64);
            e.Property(p => p.Locale).HasMaxLength(16);
            e.Property(p => p.Theme).HasMaxLength(8);
            e.Property(p => p.Kind).HasMaxLength(16);
            e.Property(p => p.PracticeName).HasMaxLength(120);
            e.HasIndex(p => p.NormalizedEmail).IsUnique();
        });
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("person_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("person_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("person_tokens");
        builder.Entity<IdentityUserPasskey<Guid>>().ToTable("person_passkeys");

        builder.Entity<Bond>(e =>
        {
            e.ToTable("bonds");
            e.Property(b => b.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(b => b.Id).ValueGeneratedNever();
            // The foreign keys the SQL declares, so EF orders inserts (bond before its members) to match.
            e.HasOne<Person>().WithMany().HasForeignKey(b => b.CreatedBy).OnDelete(DeleteBehavior.NoAction);
        });
        builder.Entity<BondMember>(e =>
        {
            e.ToTable("bond_members");
            e.HasKey(m => new { m.BondId, m.PersonId });
            e.HasOne<Bond>().WithMany().HasForeignKey(m => m.BondId).OnDelete(DeleteBehavior.NoAction);
            e.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.NoAction);
            e.HasIndex(m => m.PersonId);
        });
        builder.Entity<Invitation>(e =>
        {
            e.ToTable("invitations");
            e.Property(i => i.Id).ValueGeneratedNever();
            e.HasOne<Bond>().WithMany().HasForeignKey(i => i.BondId).OnDelete(DeleteBehavior.NoAction);
            e.HasIndex(i => i.TokenHash).IsUnique();
            e.HasIndex(i => i.BondId);
        });
        builder.Entity<DataKey>(e =>
        {
            e.ToTable("data_keys");
            e.HasKey(k => new { k.OwnerId, k.Version });
            e.Property(k => k.MasterKeyId).HasMaxLength(32);
        });
        builder.Entity<AuditEvent>(e =>
        {
            e.ToTable("audit_events");
            e.Property(a => a.Kind).HasMaxLength(64);
            e.Property(a => a.Detail).HasMaxLength(400);
            e.HasIndex(a => new { a.PersonId, a.OccurredAt });
            e.HasIndex(a => new { a.BondId, a.OccurredAt });
        });
        builder.Entity<DataProtectionKeyRow>(e =>
        {
            e.ToTable("data_protection_keys");
            e.Property(k => k.FriendlyName).HasMaxLength(200);
        });

        // Features keep their entities and mappings in their own folders.
        builder.ApplyConfigurationsFromAssembly(typeof(CornerDbContext).Assembly);

        ApplySnakeCaseNames(builder);
    }

    /// <summary>Maps every column, key and index to snake_case so the SQL migrations read naturally.</summary>
    private static void ApplySnakeCaseNames(ModelBuilder builder)
    {
        // JSON-mapped types (the passkey's data) keep their JSON property names.
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => !e.IsMappedToJson()))
        {
            var table = entity.GetTableName()!;
            foreach (var property in entity.GetProperties())
                property.SetColumnName(ToSnakeCase(property.Name));
            foreach (var key in entity.GetKeys())
                key.SetName(key.IsPrimaryKey() ? $"pk_{table}" : $"ak_{table}_{string.Join('_', key.Properties.Select(p => ToSnakeCase(p.Name)))}");
            foreach (var foreignKey in entity.GetForeignKeys())
                foreignKey.SetConstraintName($"fk_{table}_{string.Join('_', foreignKey.Properties.Select(p => ToSnakeCase(p.Name)))}");
            foreach (var index in entity.GetIndexes())
                index.SetDatabaseName($"ix_{table}_{string.Join('_', index.Properties.Select(p => ToSnakeCase(p.Name)))}");
        }
        foreach (var json in builder.Model.GetEntityTypes().Where(e => e.IsMappedToJson()))
            if (json.GetContainerColumnName() is { } column)
                json.SetContainerColumnName(ToSnakeCase(column));
    }

    internal static string ToSnakeCase(string name)
    {
        var result = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                result.Append('_');
            result.Append(char.ToLowerInvariant(c));
        }
        return result.ToString();
    }
}
