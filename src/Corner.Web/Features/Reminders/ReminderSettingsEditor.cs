using System.Globalization;
using Corner.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.Reminders;

/// <summary>What the settings form sends, as typed (so a failed save can show it again).</summary>
public sealed record ReminderSettingsInput(bool Enabled, string? LocalTime, string? QuietStart, string? QuietEnd);

public enum ReminderSettingsProblem
{
    Unreadable,
    TimeMissing,
    TimeUnreadable,
    QuietStartUnreadable,
    QuietEndUnreadable,
    QuietNeedsBoth,
    QuietSameTimes,
}

public sealed record ReminderSettingsView(bool Enabled, TimeOnly LocalTime, TimeOnly? QuietStart, TimeOnly? QuietEnd, string TimeZone);

/// <summary>Reads and saves a person's own reminder settings, and replans their reminders on save.</summary>
public sealed class ReminderSettingsEditor(CornerDbContext db, ReminderPlanner planner, ReminderStopToken tokens, TimeProvider clock)
{
    /// <summary>Suggested for someone who has never chosen: early evening.</summary>
    public static readonly TimeOnly DefaultTime = new(19, 0);

    public async Task<ReminderSettingsView> LoadAsync(Guid personId, CancellationToken ct)
    {
        var zone = await db.Users.Where(p => p.Id == personId).Select(p => p.TimeZone).FirstOrDefaultAsync(ct) ?? "Etc/UTC";
        var setting = await db.Set<ReminderSetting>().AsNoTracking().FirstOrDefaultAsync(s => s.PersonId == personId, ct);
        return setting is null
            ? new ReminderSettingsView(false, DefaultTime, null, null, zone)
            : new ReminderSettingsView(setting.Enabled, setting.LocalTime, setting.QuietStart, setting.QuietEnd, zone);
    }

    public static (TimeOnly? Time, TimeOnly? QuietStart, TimeOnly? QuietEnd, IReadOnlyList<ReminderSettingsProblem> Problems) Validate(ReminderSettingsInput input)
    {
        var problems = new List<ReminderSettingsProblem>();
        TimeOnly? time = null, quietStart = null, quietEnd = null;
        if (string.IsNullOrWhiteSpace(input.LocalTime))
            problems.Add(ReminderSettingsProblem.TimeMissing);
        else if (ParseTime(input.LocalTime) is { } t)
            time = t;
        else
            problems.Add(ReminderSettingsProblem.TimeUnreadable);

        var hasStart = !string.IsNullOrWhiteSpace(input.QuietStart);
        var hasEnd = !string.IsNullOrWhiteSpace(input.QuietEnd);
        if (hasStart && (quietStart = ParseTime(input.QuietStart)) is null)
            problems.Add(ReminderSettingsProblem.QuietStartUnreadable);
        if (hasEnd && (quietEnd = ParseTime(input.QuietEnd)) is null)
            problems.Add(ReminderSettingsProblem.QuietEndUnreadable);
        if (hasStart != hasEnd)
            problems.Add(ReminderSettingsProblem.QuietNeedsBoth);
        else if (quietStart is not null && quietStart == quietEnd)
            problems.Add(ReminderSettingsProblem.QuietSameTimes);
        return (time, quietStart, quietEnd, problems);
    }

    /// <summary>Browsers send HH:mm (or HH:mm:ss); seconds are dropped.</summary>
    public static TimeOnly? ParseTime(string? value) =>
        value is { Length: <= 8 } && TimeOnly.TryParseExact(value.Trim(), ["H:mm", "HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? new TimeOnly(time.Hour, time.Minute)
            : null;

    public async Task<IReadOnlyList<ReminderSettingsProblem>> SaveAsync(Guid personId, ReminderSettingsInput input, CancellationToken ct)
    {
        var (time, quietStart, quietEnd, problems) = Validate(input);
        if (problems.Count > 0)
            return problems;

        var setting = await db.Set<ReminderSetting>().FirstOrDefaultAsync(s => s.PersonId == personId, ct);
        if (setting is null)
        {
            setting = new ReminderSetting { PersonId = personId, UnsubscribeTokenHash = ReminderStopToken.Hash(tokens.For(personId)) };
            db.Add(setting);
        }
        setting.Enabled = input.Enabled;
        setting.LocalTime = time!.Value;
        setting.QuietStart = quietStart;
        setting.QuietEnd = quietEnd;
        setting.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);

        var zone = await db.Users.Where(p => p.Id == personId).Select(p => p.TimeZone).FirstOrDefaultAsync(ct);
        // The queue is system-only; step into system scope just for replanning, then back.
        await using (await db.SystemScopeAsync(ct))
            await planner.ReplanAsync(personId, setting, zone, ct);
        return [];
    }

    /// <summary>The one-click stop: turns reminders off for whoever the token belongs to. Needs system
    /// scope (nobody is signed in). Returns false when the token is not one of ours.</summary>
    public async Task<bool> ExistsAsync(string token, CancellationToken ct) =>
        ReminderStopToken.LooksValid(token)
        && await db.Set<ReminderSetting>().AnyAsync(s => s.UnsubscribeTokenHash == ReminderStopToken.Hash(token), ct);

    public async Task<bool> StopAsync(string token, CancellationToken ct)
    {
        if (!ReminderStopToken.LooksValid(token))
            return false;
        var hash = ReminderStopToken.Hash(token);
        var setting = await db.Set<ReminderSetting>().FirstOrDefaultAsync(s => s.UnsubscribeTokenHash == hash, ct);
        if (setting is null)
            return false;
        if (setting.Enabled)
        {
            setting.Enabled = false;
            setting.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        return true;
    }
}
