using Corner.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Corner.Web.Features.CycleMap;

/// <summary>One member's half of the cycle in one space: a private draft until <see cref="SharedAt"/> is set.</summary>
public sealed class CycleHalf
{
    public Guid Id { get; set; }
    public Guid BondId { get; set; }
    public Guid PersonId { get; set; }

    /// <summary>Stable ids from <see cref="CycleBehaviours"/>, e.g. "flight.go_quiet".</summary>
    public string[] Behaviours { get; set; } = [];

    public byte[]? TriggerCipher { get; set; }
    public byte[]? ReactionCipher { get; set; }
    public byte[]? SurfaceCipher { get; set; }
    public byte[]? UnderneathCipher { get; set; }
    public byte[]? NeedCipher { get; set; }
    public byte[]? ToKnowCipher { get; set; }
    public DateTimeOffset? SharedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A time the cycle showed up, noted by either member; both members see it.</summary>
public sealed class CycleTime
{
    public Guid Id { get; set; }
    public Guid BondId { get; set; }
    public Guid NotedBy { get; set; }
    public Guid RequestKey { get; set; }
    public DateOnly LocalDate { get; set; }
    public string[] Parts { get; set; } = [];
    public string Reconnected { get; set; } = "";
    public byte[]? NoteCipher { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class CycleMapConfiguration : IEntityTypeConfiguration<CycleHalf>, IEntityTypeConfiguration<CycleTime>
{
    public void Configure(EntityTypeBuilder<CycleHalf> e)
    {
        e.ToTable("cycle_halves");
        e.Property(h => h.Id).ValueGeneratedNever();
        e.HasOne<Bond>().WithMany().HasForeignKey(h => h.BondId).OnDelete(DeleteBehavior.NoAction);
        e.HasOne<Person>().WithMany().HasForeignKey(h => h.PersonId).OnDelete(DeleteBehavior.NoAction);
        e.HasIndex(h => new { h.BondId, h.PersonId }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<CycleTime> e)
    {
        e.ToTable("cycle_times");
        e.Property(t => t.Id).ValueGeneratedNever();
        e.HasOne<Bond>().WithMany().HasForeignKey(t => t.BondId).OnDelete(DeleteBehavior.NoAction);
        e.HasOne<Person>().WithMany().HasForeignKey(t => t.NotedBy).OnDelete(DeleteBehavior.NoAction);
        e.HasIndex(t => new { t.BondId, t.NotedBy, t.RequestKey }).IsUnique();
        e.HasIndex(t => new { t.BondId, t.LocalDate });
    }
}
