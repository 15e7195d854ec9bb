using Corner.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Corner.Web.Features.Reconnection;

/// <summary>A bond's one shared reconnection plan, at its latest version. Every part is encrypted under the bond's key.</summary>
public sealed class ReconnectionPlan
{
    public Guid BondId { get; set; }

    /// <summary>1 for the first save, one more for each save after it.</summary>
    public int Version { get; set; }

    /// <summary>Our sign that the cycle is starting.</summary>
    public byte[]? SignCipher { get; set; }

    /// <summary>What each of us does to pause.</summary>
    public byte[]? PauseStepsCipher { get; set; }

    /// <summary>How and when we come back.</summary>
    public byte[]? ComingBackCipher { get; set; }

    /// <summary>A repair phrase we both accept.</summary>
    public byte[]? RepairPhraseCipher { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public Guid UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One save of the plan: which parts changed, by whom and when (never the words).</summary>
public sealed class ReconnectionPlanChange
{
    public Guid BondId { get; set; }
    public int Version { get; set; }
    public Guid ChangedBy { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public string[] ChangedParts { get; set; } = [];
}

/// <summary>The plan version a member last confirmed. It counts only while it is still the plan's current version.</summary>
public sealed class ReconnectionPlanConfirmation
{
    public Guid BondId { get; set; }
    public Guid PersonId { get; set; }
    public int Version { get; set; }
    public DateTimeOffset ConfirmedAt { get; set; }
}

/// <summary>"I'm flooded and need a pause; I'll come back." Open until ended early or both are ready again.</summary>
public sealed class Pause
{
    public Guid Id { get; set; }
    public Guid BondId { get; set; }
    public Guid StartedBy { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }

    /// <summary>Who has said "I'm ready" since the time was last up.</summary>
    public Guid[] Ready { get; set; } = [];

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Who ended it early; null when it ended because both were ready.</summary>
    public Guid? EndedBy { get; set; }
}

public sealed class ReconnectionConfiguration : IEntityTypeConfiguration<ReconnectionPlan>, IEntityTypeConfiguration<ReconnectionPlanChange>,
    IEntityTypeConfiguration<ReconnectionPlanConfirmation>, IEntityTypeConfiguration<Pause>
{
    public void Configure(EntityTypeBuilder<ReconnectionPlan> e)
    {
        e.ToTable("reconnection_plans");
        e.HasKey(p => p.BondId);
        // A save based on an older version must not overwrite a newer one, even when two saves race.
        e.Property(p => p.Version).IsConcurrencyToken();
        e.HasOne<Bond>().WithMany().HasForeignKey(p => p.BondId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Person>().WithMany().HasForeignKey(p => p.UpdatedBy).OnDelete(DeleteBehavior.NoAction);
    }

    public void Configure(EntityTypeBuilder<ReconnectionPlanChange> e)
    {
        e.ToTable("reconnection_plan_changes");
        e.HasKey(c => new { c.BondId, c.Version });
        e.HasOne<ReconnectionPlan>().WithMany().HasForeignKey(c => c.BondId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Person>().WithMany().HasForeignKey(c => c.ChangedBy).OnDelete(DeleteBehavior.NoAction);
    }

    public void Configure(EntityTypeBuilder<ReconnectionPlanConfirmation> e)
    {
        e.ToTable("reconnection_plan_confirmations");
        e.HasKey(c => new { c.BondId, c.PersonId });
        e.HasOne<ReconnectionPlan>().WithMany().HasForeignKey(c => c.BondId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.NoAction);
    }

    public void Configure(EntityTypeBuilder<Pause> e)
    {
        e.ToTable("pauses");
        e.Property(p => p.Id).ValueGeneratedNever();
        e.HasOne<Bond>().WithMany().HasForeignKey(p => p.BondId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Person>().WithMany().HasForeignKey(p => p.StartedBy).OnDelete(DeleteBehavior.NoAction);
        // The SQL also holds the partial unique index that allows one open pause per bond (PauseSignal.OneOpenPauseIndex).
        e.HasIndex(p => new { p.BondId, p.StartedAt });
    }
}
