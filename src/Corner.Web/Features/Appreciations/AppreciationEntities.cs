using Corner.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Corner.Web.Features.Appreciations;

/// <summary>A short note from one member of a bond to the other: what they appreciate or admire in them.</summary>
public sealed class Appreciation
{
    public Guid Id { get; set; }
    public Guid BondId { get; set; }
    public Guid AuthorId { get; set; }
    public Guid RecipientId { get; set; }

    /// <summary>"appreciate" or "admire".</summary>
    public string Kind { get; set; } = "";

    /// <summary>The words, under the bond's data key.</summary>
    public byte[] WordsCipher { get; set; } = [];

    /// <summary>Made by the form (or the API's Idempotency-Key), so a double submit saves one note.</summary>
    public Guid SubmissionId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One member's "I know you have my back when you …", a standing reminder for the other member.</summary>
public sealed class BackingStatement
{
    public Guid Id { get; set; }
    public Guid BondId { get; set; }
    public Guid AuthorId { get; set; }

    /// <summary>What completes the sentence, under the bond's data key.</summary>
    public byte[] WordsCipher { get; set; } = [];

    /// <summary>The writer's order among their own statements in the bond (lowest first).</summary>
    public int Position { get; set; }

    public Guid SubmissionId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Set when the writer retires it: kept for them, no longer shown to the other member.</summary>
    public DateTimeOffset? RetiredAt { get; set; }
}

public sealed class AppreciationConfiguration : IEntityTypeConfiguration<Appreciation>, IEntityTypeConfiguration<BackingStatement>
{
    public void Configure(EntityTypeBuilder<Appreciation> e)
    {
        e.ToTable("appreciations");
        e.Property(a => a.Id).ValueGeneratedNever();
        e.HasOne<Bond>().WithMany().HasForeignKey(a => a.BondId).OnDelete(DeleteBehavior.NoAction);
        e.HasOne<Person>().WithMany().HasForeignKey(a => a.AuthorId).OnDelete(DeleteBehavior.NoAction);
        e.HasOne<Person>().WithMany().HasForeignKey(a => a.RecipientId).OnDelete(DeleteBehavior.NoAction);
        e.HasIndex(a => new { a.AuthorId, a.SubmissionId }).IsUnique();
        e.HasIndex(a => new { a.BondId, a.RecipientId, a.CreatedAt });
        e.HasIndex(a => new { a.BondId, a.AuthorId, a.CreatedAt });
    }

    public void Configure(EntityTypeBuilder<BackingStatement> e)
    {
        e.ToTable("backing_statements");
        e.Property(s => s.Id).ValueGeneratedNever();
        e.HasOne<Bond>().WithMany().HasForeignKey(s => s.BondId).OnDelete(DeleteBehavior.NoAction);
        e.HasOne<Person>().WithMany().HasForeignKey(s => s.AuthorId).OnDelete(DeleteBehavior.NoAction);
        e.HasIndex(s => new { s.AuthorId, s.SubmissionId }).IsUnique();
        e.HasIndex(s => new { s.BondId, s.AuthorId, s.Position });
    }
}
