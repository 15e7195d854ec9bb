using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Corner.Web.Features.Reminders;

/// <summary>A person's choice about check-in reminders. Times are wall-clock times in their own time zone.</summary>
public sealed class ReminderSetting
{
    public Guid PersonId { get; set; }
    public bool Enabled { get; set; }
    public TimeOnly LocalTime { get; set; }
    public TimeOnly? QuietStart { get; set; }
    public TimeOnly? QuietEnd { get; set; }

    /// <summary>SHA-256 of the token in the emailed stop link.</summary>
    public byte[] UnsubscribeTokenHash { get; set; } = [];

    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class ReminderSettingConfiguration : IEntityTypeConfiguration<ReminderSetting>
{
    public void Configure(EntityTypeBuilder<ReminderSetting> e)
    {
        e.ToTable("reminder_settings");
        e.HasKey(s => s.PersonId);
        e.Property(s => s.PersonId).ValueGeneratedNever();
        e.HasIndex(s => s.UnsubscribeTokenHash).IsUnique();
        e.HasOne<Corner.Web.Data.Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
