using Corner.Web.Data;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Corner.Web.Infrastructure.Live;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.CycleMap;

/// <summary>What a member writes about their side of the cycle. Every text is optional in a draft.</summary>
public sealed record CycleHalfInput(
    IReadOnlyList<string> Behaviours,
    string? Trigger,
    string? Reaction,
    string? Surface,
    string? Underneath,
    string? Need,
    string? ToKnow);

public enum CycleHalfProblem
{
    [NotFound]
    NotFound,
    UnknownBehaviour,
    TextTooLong,
    TextHasControlCharacters,
    NeedsTriggerToShare,
    NeedsReactionToShare,
}

/// <summary>A problem with one half, and the field it is about (null when it is about the whole half).</summary>
public sealed record CycleHalfIssue(CycleHalfProblem Problem, string? Field = null);

public sealed record CycleHalfSaved(Guid HalfId, bool Shared);

/// <summary>
/// Saves a member's half of the cycle in a space and shares or un-shares it. A half is a private draft until
/// its writer shares it; editing a shared half keeps it shared (the other member sees the new words at once).
/// </summary>
public sealed class CycleHalfWriter(CornerDbContext db, Bonds.SpaceAccessor spaces, FieldEncryption encryption, TimeProvider clock, LiveEvents live)
{
    public const int TextMaxLength = 1000;

    /// <summary>The free-text fields, in the order they are asked for; also their names in forms and the API.</summary>

    public static FieldAddress Field(string column, Guid halfId) => new("cycle_halves", column, halfId);

    public static IReadOnlyList<CycleHalfIssue> Validate(CycleHalfInput input)
    {
        var issues = new List<CycleHalfIssue>();
        if (input.Behaviours.Any(b => !CycleBehaviours.IsKnown(b)))
            issues.Add(new(CycleHalfProblem.UnknownBehaviour));
        foreach (var (field, value) in Texts(input))
        {
            var text = FreeText.Normalize(value);
            if (text is null) continue;
            if (text.Length > TextMaxLength)
                issues.Add(new(CycleHalfProblem.TextTooLong, field));
            if (FreeText.HasControlCharacters(text))
                issues.Add(new(CycleHalfProblem.TextHasControlCharacters, field));
        }
        return issues;
    }

    /// <summary>What must be there before a half is shared: what sets me off, and what I do.</summary>
    public static IReadOnlyList<CycleHalfIssue> ValidateForSharing(CycleHalfInput input)
    {
        var issues = new List<CycleHalfIssue>();
        if (FreeText.Normalize(input.Trigger) is null)
            issues.Add(new(CycleHalfProblem.NeedsTriggerToShare, "trigger"));
        if (input.Behaviours.Count == 0 && FreeText.Normalize(input.Reaction) is null)
            issues.Add(new(CycleHalfProblem.NeedsReactionToShare, "reaction"));
        return issues;
    }

    /// <summary>
    /// Creates or updates the person's half. <paramref name="share"/>: true shares it, false takes it back to a
    /// draft, null leaves it as it was (a new half starts as a draft). Saving the same thing twice changes nothing.
    /// </summary>
    public async Task<(CycleHalfSaved? Saved, IReadOnlyList<CycleHalfIssue> Issues)> SaveAsync(
        Guid bondId, Guid personId, CycleHalfInput input, bool? share, CancellationToken ct = default)
    {
        if (!await spaces.IsMemberAsync(bondId, personId, ct))
            return (null, [new(CycleHalfProblem.NotFound)]);
        var issues = Validate(input).ToList();
        if (share == true)
            issues.AddRange(ValidateForSharing(input));
        if (issues.Count > 0)
            return (null, issues);

        var half = await EnsureHalfAsync(bondId, personId, ct);
        var wasShared = half.SharedAt is not null;
        var now = clock.GetUtcNow();
        half.Behaviours = CycleBehaviours.AllIds.Where(input.Behaviours.Contains).ToArray();
        half.TriggerCipher = await SealAsync(bondId, half.Id, "trigger", input.Trigger, ct);
        half.ReactionCipher = await SealAsync(bondId, half.Id, "reaction", input.Reaction, ct);
        half.SurfaceCipher = await SealAsync(bondId, half.Id, "surface", input.Surface, ct);
        half.UnderneathCipher = await SealAsync(bondId, half.Id, "underneath", input.Underneath, ct);
        half.NeedCipher = await SealAsync(bondId, half.Id, "need", input.Need, ct);
        half.ToKnowCipher = await SealAsync(bondId, half.Id, "to_know", input.ToKnow, ct);
        if (share == true && half.SharedAt is null)
            half.SharedAt = now;
        else if (share == false)
            half.SharedAt = null;
        half.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        await AnnounceAsync(bondId, personId, half, wasShared, ct);
        return (new CycleHalfSaved(half.Id, half.SharedAt is not null), []);
    }

    /// <summary>Shares the saved half as it stands, or takes it back to a draft.</summary>
    public async Task<(CycleHalfSaved? Saved, IReadOnlyList<CycleHalfIssue> Issues)> SetSharedAsync(
        Guid bondId, Guid personId, bool share, CancellationToken ct = default)
    {
        if (!await spaces.IsMemberAsync(bondId, personId, ct))
            return (null, [new(CycleHalfProblem.NotFound)]);
        var half = await db.Set<CycleHalf>().FirstOrDefaultAsync(h => h.BondId == bondId && h.PersonId == personId, ct);
        if (half is null)
            return share ? (null, [new(CycleHalfProblem.NeedsTriggerToShare, "trigger"), new(CycleHalfProblem.NeedsReactionToShare, "reaction")])
                : (null, [new(CycleHalfProblem.NotFound)]);
        if (share)
        {
            var issues = new List<CycleHalfIssue>();
            if (half.TriggerCipher is null)
                issues.Add(new(CycleHalfProblem.NeedsTriggerToShare, "trigger"));
            if (half.Behaviours.Length == 0 && half.ReactionCipher is null)
                issues.Add(new(CycleHalfProblem.NeedsReactionToShare, "reaction"));
            if (issues.Count > 0)
                return (null, issues);
        }
        var wasShared = half.SharedAt is not null;
        if (share != wasShared)
        {
            half.SharedAt = share ? clock.GetUtcNow() : null;
            await db.SaveChangesAsync(ct);
            await AnnounceAsync(bondId, personId, half, wasShared, ct);
        }
        return (new CycleHalfSaved(half.Id, share), []);
    }

    /// <summary>The other member hears of a half only when it is (or was until now) shared: never of a draft.</summary>
    private Task AnnounceAsync(Guid bondId, Guid personId, CycleHalf half, bool wasShared, CancellationToken ct) =>
        wasShared || half.SharedAt is not null
            ? live.ToOthersAsync(bondId, personId, CycleMapFeature.HalfLiveKind, half.Id, ct)
            : Task.CompletedTask;

    /// <summary>The person's half, made as an empty draft if there is none yet. Two first saves at once both
    /// land on the one row: the insert does nothing when the other got there first.</summary>
    private async Task<CycleHalf> EnsureHalfAsync(Guid bondId, Guid personId, CancellationToken ct)
    {
        var existing = await db.Set<CycleHalf>().FirstOrDefaultAsync(h => h.BondId == bondId && h.PersonId == personId, ct);
        if (existing is not null)
            return existing;
        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlAsync($"""
            insert into cycle_halves (id, bond_id, person_id, behaviours, created_at, updated_at)
            values ({Guid.NewGuid()}, {bondId}, {personId}, {Array.Empty<string>()}, {now}, {now})
            on conflict (bond_id, person_id) do nothing
            """, ct);
        return await db.Set<CycleHalf>().FirstAsync(h => h.BondId == bondId && h.PersonId == personId, ct);
    }

    private async Task<byte[]?> SealAsync(Guid bondId, Guid halfId, string column, string? value, CancellationToken ct) =>
        FreeText.Normalize(value) is { } text ? await encryption.EncryptAsync(bondId, Field(column, halfId), text, ct) : null;


    private static IEnumerable<(string Field, string? Value)> Texts(CycleHalfInput input) =>
    [
        ("trigger", input.Trigger), ("reaction", input.Reaction), ("surface", input.Surface),
        ("underneath", input.Underneath), ("need", input.Need), ("toKnow", input.ToKnow),
    ];
}

