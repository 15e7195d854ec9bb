using Corner.Web.Data;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Corner.Web.Infrastructure.Live;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.CheckIns;

public sealed record ShareChoice(Guid BondId, int Supported);

public sealed record CheckInInput(
    IReadOnlyList<string> SurfaceFeelings,
    IReadOnlyList<string> UnderlyingFeelings,
    int Intensity,
    string? Note,
    IReadOnlyList<ShareChoice> Shares);

public enum CheckInProblem
{
    NoSurfaceFeeling,
    UnknownFeeling,
    TooManyFeelings,
    IntensityOutOfRange,
    SupportedOutOfRange,
    NoteTooLong,
    NoteHasControlCharacters,
    UnknownSpace,
    DateInFuture,
    [Conflict]
    DayClosed,
}

public sealed record CheckInSaved(Guid CheckInId, DateOnly LocalDate, bool Created);

/// <summary>
/// Records a person's check-in for their own today: one per local day, editable until the day ends,
/// shared into the chosen spaces (each with its own "how supported did I feel") or kept private.
/// </summary>
public sealed class CheckInRecorder(CornerDbContext db, FieldEncryption encryption, PersonalDay day, TimeProvider clock, LiveEvents live)
{
    public const int NoteMaxLength = 2000;
    public const int MaxFeelingsPerLayer = 12;

    public static FieldAddress PersonalNoteField(Guid checkInId) => new("check_ins", "note", checkInId);
    public static FieldAddress SharedNoteField(Guid checkInId, Guid bondId) => new("check_in_shares", "note", Combine(checkInId, bondId));

    public static IReadOnlyList<CheckInProblem> Validate(CheckInInput input)
    {
        var problems = new List<CheckInProblem>();
        if (input.SurfaceFeelings.Count == 0)
            problems.Add(CheckInProblem.NoSurfaceFeeling);
        if (input.SurfaceFeelings.Concat(input.UnderlyingFeelings).Any(f => !Feelings.IsKnown(f)))
            problems.Add(CheckInProblem.UnknownFeeling);
        if (input.SurfaceFeelings.Count > MaxFeelingsPerLayer || input.UnderlyingFeelings.Count > MaxFeelingsPerLayer)
            problems.Add(CheckInProblem.TooManyFeelings);
        if (input.Intensity is < 1 or > 5)
            problems.Add(CheckInProblem.IntensityOutOfRange);
        if (input.Shares.Any(s => s.Supported is < 1 or > 5))
            problems.Add(CheckInProblem.SupportedOutOfRange);
        var note = FreeText.Normalize(input.Note);
        if (note is not null && note.Length > NoteMaxLength)
            problems.Add(CheckInProblem.NoteTooLong);
        if (note is not null && FreeText.HasControlCharacters(note))
            problems.Add(CheckInProblem.NoteHasControlCharacters);
        return problems;
    }

    /// <summary>Saves today's check-in. <paramref name="requestedDate"/> (from the API) must be the
    /// person's today: a later day is not here yet and an earlier one is closed.</summary>
    public async Task<(CheckInSaved? Saved, IReadOnlyList<CheckInProblem> Problems)> SaveAsync(
        Guid personId, CheckInInput input, DateOnly? requestedDate = null, CancellationToken ct = default)
    {
        var problems = Validate(input).ToList();
        var today = await day.TodayAsync(personId, ct);
        if (requestedDate > today) problems.Add(CheckInProblem.DateInFuture);
        if (requestedDate < today) problems.Add(CheckInProblem.DayClosed);

        var chosenBonds = input.Shares.Select(s => s.BondId).Distinct().ToList();
        var memberOf = await db.BondMembers
            .Where(m => m.PersonId == personId && m.LeftAt == null && chosenBonds.Contains(m.BondId))
            .Select(m => m.BondId).ToListAsync(ct);
        if (memberOf.Count != chosenBonds.Count)
            problems.Add(CheckInProblem.UnknownSpace);
        if (problems.Count > 0)
            return (null, problems);

        var now = clock.GetUtcNow();
        var note = FreeText.Normalize(input.Note);
        // Two saves of the same day at once (a double tap, two devices) take turns until the request
        // commits: the second finds the first's check-in and updates it instead of hitting the unique index.
        await db.TakeTurnsAsync($"check-in:{personId}:{today:yyyy-MM-dd}", ct);
        var checkIn = await db.Set<CheckIn>().FirstOrDefaultAsync(c => c.PersonId == personId && c.LocalDate == today, ct);
        var created = checkIn is null;
        if (checkIn is null)
        {
            checkIn = new CheckIn { Id = Guid.NewGuid(), PersonId = personId, LocalDate = today, CreatedAt = now };
            db.Add(checkIn);
        }
        checkIn.SurfaceFeelings = input.SurfaceFeelings.Distinct().ToArray();
        checkIn.UnderlyingFeelings = input.UnderlyingFeelings.Distinct().ToArray();
        checkIn.Intensity = (short)input.Intensity;
        checkIn.NoteCipher = note is null ? null : await encryption.EncryptAsync(personId, PersonalNoteField(checkIn.Id), note, ct);
        checkIn.UpdatedAt = now;
        await db.SaveChangesAsync(ct);

        var existing = await db.Set<CheckInShare>().Where(s => s.CheckInId == checkIn.Id).ToListAsync(ct);
        foreach (var gone in existing.Where(s => !chosenBonds.Contains(s.BondId)))
            db.Remove(gone);
        foreach (var choice in input.Shares.DistinctBy(s => s.BondId))
        {
            var share = existing.FirstOrDefault(s => s.BondId == choice.BondId);
            if (share is null)
            {
                share = new CheckInShare { CheckInId = checkIn.Id, BondId = choice.BondId, PersonId = personId, LocalDate = today, SharedAt = now };
                db.Add(share);
            }
            share.Supported = (short)choice.Supported;
            share.NoteCipher = note is null ? null
                : await encryption.EncryptAsync(choice.BondId, SharedNoteField(checkIn.Id, choice.BondId), note, ct);
        }
        await db.SaveChangesAsync(ct);
        // Tells the other member of each space it is shared into (on commit); a private check-in tells no one.
        await live.CheckInSharedAsync(personId, checkIn.Id, chosenBonds, ct);
        return (new CheckInSaved(checkIn.Id, today, created), []);
    }



    /// <summary>A stable row id for a (check-in, bond) pair, so a shared note is bound to its row.</summary>
    private static Guid Combine(Guid a, Guid b)
    {
        Span<byte> x = stackalloc byte[16];
        Span<byte> y = stackalloc byte[16];
        a.TryWriteBytes(x);
        b.TryWriteBytes(y);
        for (var i = 0; i < 16; i++) x[i] ^= y[i];
        return new Guid(x);
    }
}
