using Corner.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Corner.Web.Features.CheckIns;

/// <summary>One person's check-in for one local day. Private unless shared into a bond.</summary>
public sealed class CheckIn
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public DateOnly LocalDate { get; set; }
    public string[] SurfaceFeelings { get; set; } = [];
    public string[] UnderlyingFeelings { get; set; } = [];
    public short Intensity { get; set; }

    /// <summary>The author's own copy of the note, under their personal data key.</summary>
    public byte[]? NoteCipher { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A check-in shared into one bond, with the note under that bond's key.</summary>
public sealed class CheckInShare
{
    public Guid CheckInId { get; set; }
    public Guid BondId { get; set; }
    public Guid PersonId { get; set; }
    public DateOnly LocalDate { get; set; }
    public short Supported { get; set; }
    public byte[]? NoteCipher { get; set; }
    public DateTimeOffset SharedAt { get; set; }
}

/// <summary>The other member's empathic answer to a shared check-in.</summary>
public sealed class Reflection
{
    public Guid Id { get; set; }
    public Guid CheckInId { get; set; }
    public Guid BondId { get; set; }
    public Guid AuthorId { get; set; }
    public string Feeling { get; set; } = "";
    public byte[]? WordsCipher { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>"yes" (that's it) or "not_quite", from the check-in's author.</summary>
    public string? Response { get; set; }
    public DateTimeOffset? RespondedAt { get; set; }
}

public sealed class CheckInConfiguration : IEntityTypeConfiguration<CheckIn>, IEntityTypeConfiguration<CheckInShare>, IEntityTypeConfiguration<Reflection>
{
    public void Configure(EntityTypeBuilder<CheckIn> e)
    {
        e.ToTable("check_ins");
        e.Property(c => c.Id).ValueGeneratedNever();
        e.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.NoAction);
        e.HasIndex(c => new { c.PersonId, c.LocalDate }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<CheckInShare> e)
    {
        e.ToTable("check_in_shares");
        e.HasKey(s => new { s.CheckInId, s.BondId });
        e.HasOne<CheckIn>().WithMany().HasForeignKey(s => s.CheckInId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Bond>().WithMany().HasForeignKey(s => s.BondId).OnDelete(DeleteBehavior.NoAction);
        e.HasIndex(s => new { s.BondId, s.LocalDate });
    }

    public void Configure(EntityTypeBuilder<Reflection> e)
    {
        e.ToTable("reflections");
        e.Property(r => r.Id).ValueGeneratedNever();
        // Not tied to the share: when the author stops sharing, the reflector's words stay theirs (hidden, not deleted).
        e.HasOne<Bond>().WithMany().HasForeignKey(r => r.BondId).OnDelete(DeleteBehavior.NoAction);
        e.HasIndex(r => new { r.CheckInId, r.BondId, r.AuthorId }).IsUnique();
        e.HasIndex(r => new { r.BondId, r.CreatedAt });
    }
}
