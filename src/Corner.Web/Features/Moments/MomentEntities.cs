using Corner.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Corner.Web.Features.Moments;

/// <summary>A request for backing ahead of a known day, from one member to the other.</summary>
public sealed class BackingAsk
{
    public Guid Id { get; set; }
    public Guid BondId { get; set; }
    public Guid AskerId { get; set; }
    public Guid SupporterId { get; set; }

    /// <summary>A local date in the asker's time zone.</summary>
    public DateOnly OnDate { get; set; }

    public byte[] SituationCipher { get; set; } = [];
    public byte[]? HelpCipher { get; set; }
    public Guid SubmissionId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One member (the supporter) backing the other in the five steps of P7.</summary>
public sealed class Moment
{
    public Guid Id { get; set; }
    public Guid BondId { get; set; }
    public Guid SupporterId { get; set; }
    public Guid BackedId { get; set; }
    public Guid? AskId { get; set; }
    public byte[] SituationCipher { get; set; } = [];
    public byte[]? NoticedCipher { get; set; }
    public byte[]? SidedCipher { get; set; }
    public byte[]? ActionCipher { get; set; }
    public Guid SubmissionId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>"yes", "partly" or "not_really", from the backed person.</summary>
    public string? Answer { get; set; }

    public byte[]? MoreCipher { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public byte[]? ReinforceCipher { get; set; }
    public DateTimeOffset? ReinforcedAt { get; set; }
}

/// <summary>A moment where backing did not happen, written by either member from either side, and its repair.</summary>
public sealed class MissedMoment
{
    public Guid Id { get; set; }
    public Guid BondId { get; set; }
    public Guid AuthorId { get; set; }
    public Guid OtherId { get; set; }

    /// <summary>"wish_you_had" or "should_have".</summary>
    public string Side { get; set; } = "";

    public byte[] WhatCipher { get; set; } = [];
    public string[] Reasons { get; set; } = [];
    public byte[]? ReflectionCipher { get; set; }
    public Guid SubmissionId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public byte[]? ResponseCipher { get; set; }
    public DateTimeOffset? RespondedAt { get; set; }
    public DateTimeOffset? AuthorRepairedAt { get; set; }
    public DateTimeOffset? OtherRepairedAt { get; set; }
}

/// <summary>A person's choice to get an email when something in Moments waits on them. No row means off.</summary>
public sealed class MomentNudgeSetting
{
    public Guid PersonId { get; set; }
    public bool Enabled { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class MomentConfiguration : IEntityTypeConfiguration<BackingAsk>, IEntityTypeConfiguration<Moment>,
    IEntityTypeConfiguration<MissedMoment>, IEntityTypeConfiguration<MomentNudgeSetting>
{
    public void Configure(EntityTypeBuilder<BackingAsk> e)
    {
        e.ToTable("backing_asks");
        e.Property(a => a.Id).ValueGeneratedNever();
        e.HasOne<Bond>().WithMany().HasForeignKey(a => a.BondId).OnDelete(DeleteBehavior.NoAction);
        e.HasOne<Person>().WithMany().HasForeignKey(a => a.AskerId).OnDelete(DeleteBehavior.NoAction);
        e.HasOne<Person>().WithMany().HasForeignKey(a => a.SupporterId).OnDelete(DeleteBehavior.NoAction);
        e.HasIndex(a => new { a.AskerId, a.SubmissionId }).IsUnique();
        e.HasIndex(a => new { a.BondId, a.OnDate });
    }

    public void Configure(EntityTypeBuilder<Moment> e)
    {
        e.ToTable("moments");
        e.Property(m => m.Id).ValueGeneratedNever();
        e.HasOne<Bond>().WithMany().HasForeignKey(m => m.BondId).OnDelete(DeleteBehavior.NoAction);
        e.HasOne<Person>().WithMany().HasForeignKey(m => m.SupporterId).OnDelete(DeleteBehavior.NoAction);
        e.HasOne<Person>().WithMany().HasForeignKey(m => m.BackedId).OnDelete(DeleteBehavior.NoAction);
        e.HasOne<BackingAsk>().WithMany().HasForeignKey(m => m.AskId).OnDelete(DeleteBehavior.NoAction);
        e.HasIndex(m => new { m.SupporterId, m.SubmissionId }).IsUnique();
        e.HasIndex(m => m.AskId).IsUnique().HasFilter("ask_id is not null");
        e.HasIndex(m => new { m.BondId, m.RecordedAt });
    }

    public void Configure(EntityTypeBuilder<MissedMoment> e)
    {
        e.ToTable("missed_moments");
        e.Property(m => m.Id).ValueGeneratedNever();
        e.HasOne<Bond>().WithMany().HasForeignKey(m => m.BondId).OnDelete(DeleteBehavior.NoAction);
        e.HasOne<Person>().WithMany().HasForeignKey(m => m.AuthorId).OnDelete(DeleteBehavior.NoAction);
        e.HasOne<Person>().WithMany().HasForeignKey(m => m.OtherId).OnDelete(DeleteBehavior.NoAction);
        e.HasIndex(m => new { m.AuthorId, m.SubmissionId }).IsUnique();
        e.HasIndex(m => new { m.BondId, m.CreatedAt });
    }

    public void Configure(EntityTypeBuilder<MomentNudgeSetting> e)
    {
        e.ToTable("moment_nudge_settings");
        e.HasKey(s => s.PersonId);
        e.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
