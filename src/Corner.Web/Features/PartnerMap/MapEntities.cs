using Corner.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Corner.Web.Features.PartnerMap;

/// <summary>A member's own answer to a question of the map, in one bond. Private unless <see cref="Shared"/>.</summary>
public sealed class MapSelfAnswer
{
    public Guid Id { get; set; }
    public Guid BondId { get; set; }
    public Guid PersonId { get; set; }
    public string QuestionId { get; set; } = "";
    public byte[] TextCipher { get; set; } = [];
    public bool Shared { get; set; }

    /// <summary>When the answer was last written: an edit renews it.</summary>
    public DateTimeOffset AnsweredAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A member's guess at how the other member would answer, and the other's comparison of it.</summary>
public sealed class MapGuess
{
    public Guid Id { get; set; }
    public Guid BondId { get; set; }
    public Guid GuesserId { get; set; }
    public Guid SubjectId { get; set; }
    public string QuestionId { get; set; } = "";
    public byte[] TextCipher { get; set; } = [];
    public DateTimeOffset GuessedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>"spot_on", "close" or "not_quite", set by the subject.</summary>
    public string? Mark { get; set; }
    public byte[]? NoteCipher { get; set; }
    public DateTimeOffset? ComparedAt { get; set; }
}

/// <summary>The one-time promise that what a person learns of the other is for support, never ammunition.</summary>
public sealed class MapTrust
{
    public Guid PersonId { get; set; }
    public Guid BondId { get; set; }
    public DateTimeOffset ConfirmedAt { get; set; }
}

/// <summary>The question of the day a person was offered in a bond on one of their local days.</summary>
public sealed class MapQuestionOffer
{
    public Guid PersonId { get; set; }
    public Guid BondId { get; set; }
    public DateOnly LocalDate { get; set; }
    public string QuestionId { get; set; } = "";
    public int Round { get; set; }
}

public sealed class MapConfiguration : IEntityTypeConfiguration<MapSelfAnswer>, IEntityTypeConfiguration<MapGuess>,
    IEntityTypeConfiguration<MapTrust>, IEntityTypeConfiguration<MapQuestionOffer>
{
    public void Configure(EntityTypeBuilder<MapSelfAnswer> e)
    {
        e.ToTable("map_self_answers");
        e.Property(a => a.Id).ValueGeneratedNever();
        e.Property(a => a.QuestionId).HasMaxLength(40);
        e.HasOne<Bond>().WithMany().HasForeignKey(a => a.BondId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.NoAction);
        e.HasIndex(a => new { a.BondId, a.PersonId, a.QuestionId }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<MapGuess> e)
    {
        e.ToTable("map_guesses");
        e.Property(g => g.Id).ValueGeneratedNever();
        e.Property(g => g.QuestionId).HasMaxLength(40);
        e.Property(g => g.Mark).HasMaxLength(16);
        e.HasOne<Bond>().WithMany().HasForeignKey(g => g.BondId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Person>().WithMany().HasForeignKey(g => g.GuesserId).OnDelete(DeleteBehavior.NoAction);
        e.HasOne<Person>().WithMany().HasForeignKey(g => g.SubjectId).OnDelete(DeleteBehavior.NoAction);
        e.HasIndex(g => new { g.BondId, g.GuesserId, g.QuestionId }).IsUnique();
        e.HasIndex(g => new { g.BondId, g.SubjectId });
    }

    public void Configure(EntityTypeBuilder<MapTrust> e)
    {
        e.ToTable("map_trust");
        e.HasKey(t => new { t.PersonId, t.BondId });
        e.HasOne<Person>().WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Bond>().WithMany().HasForeignKey(t => t.BondId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<MapQuestionOffer> e)
    {
        e.ToTable("map_question_offers");
        e.HasKey(o => new { o.PersonId, o.BondId, o.LocalDate });
        e.Property(o => o.QuestionId).HasMaxLength(40);
        e.HasOne<Person>().WithMany().HasForeignKey(o => o.PersonId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Bond>().WithMany().HasForeignKey(o => o.BondId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(o => new { o.PersonId, o.BondId, o.Round, o.QuestionId }).IsUnique();
    }
}
