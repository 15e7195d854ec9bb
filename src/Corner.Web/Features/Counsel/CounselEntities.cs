using Corner.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Corner.Web.Features.Counsel;

/// <summary>
/// What a space's members let a counsellor read (0034_counsellors.sql): the parts (<see cref="Scopes"/>), the days,
/// until when. Active only while taken, not revoked, not expired, and both current members consented to
/// <see cref="Version"/>; a changed proposal is a new version.
/// </summary>
public sealed class CounsellorGrant
{
    public Guid Id { get; set; }
    public Guid BondId { get; set; }
    public Guid ProposedBy { get; set; }

    /// <summary>The counsellor who took the link; null until then.</summary>
    public Guid? CounsellorId { get; set; }

    /// <summary>SHA-256 of the one-time link's token; the token itself is never stored.</summary>
    public byte[] TokenHash { get; set; } = [];
    public DateTimeOffset TokenExpiresAt { get; set; }

    public string[] Scopes { get; set; } = [];
    public DateOnly VisibleFrom { get; set; }
    public DateOnly? VisibleUntil { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The space's name as the counsellor sees it, sealed under the space's key.</summary>
    public byte[] ShownAsCipher { get; set; } = [];

    /// <summary>Why the grant is made, sealed under the space's key.</summary>
    public byte[]? PurposeCipher { get; set; }

    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public DateTimeOffset? TakenAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public Guid? RevokedBy { get; set; }
}

/// <summary>One member's yes to one version of a grant.</summary>
public sealed class CounsellorConsent
{
    public Guid GrantId { get; set; }
    public Guid BondId { get; set; }
    public Guid PersonId { get; set; }
    public int Version { get; set; }
    public DateTimeOffset ConsentedAt { get; set; }
}

public sealed class CounselConfiguration : IEntityTypeConfiguration<CounsellorGrant>, IEntityTypeConfiguration<CounsellorConsent>
{
    public void Configure(EntityTypeBuilder<CounsellorGrant> e)
    {
        e.ToTable("counsellor_grants");
        e.Property(g => g.Id).ValueGeneratedNever();
        e.HasOne<Bond>().WithMany().HasForeignKey(g => g.BondId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Person>().WithMany().HasForeignKey(g => g.ProposedBy).OnDelete(DeleteBehavior.NoAction);
        e.HasOne<Person>().WithMany().HasForeignKey(g => g.CounsellorId).OnDelete(DeleteBehavior.NoAction);
        e.HasIndex(g => new { g.BondId, g.CreatedAt });
        e.HasIndex(g => g.CounsellorId).HasFilter("counsellor_id is not null");
        e.HasIndex(g => g.TokenHash).IsUnique();
    }

    public void Configure(EntityTypeBuilder<CounsellorConsent> e)
    {
        e.ToTable("counsellor_consents");
        e.HasKey(c => new { c.GrantId, c.PersonId });
        e.HasOne<CounsellorGrant>().WithMany().HasForeignKey(c => c.GrantId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.NoAction);
    }
}
