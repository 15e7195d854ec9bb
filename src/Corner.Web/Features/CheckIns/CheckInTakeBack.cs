using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.CheckIns;

/// <summary>
/// Taking back a shared check-in (issue 14, item 3): the author stops sharing it in one space, or takes back only
/// its note there. The check-in itself stays the author's own. Reflections the other person wrote on it stay
/// theirs: they are kept, and no page shows them while the check-in is not shared.
/// </summary>
public sealed class CheckInTakeBack(CornerDbContext db, SpaceAccessor spaces, TakeBack takeBack)
{
    public const string CheckInEntry = "check_in";
    public const string NoteEntry = "check_in_note";
    public const string ReflectionEntry = "reflection";

    /// <summary>Removes the share of the author's check-in from the space. False when there is none of theirs (404).</summary>
    public async Task<bool> StopSharingAsync(Guid bondId, Guid checkInId, Guid authorId, CancellationToken ct = default)
    {
        if (await spaces.ForWritingAsync(bondId, authorId, ct) is null)
            return false;
        var deleted = await db.Set<CheckInShare>()
            .Where(s => s.CheckInId == checkInId && s.BondId == bondId && s.PersonId == authorId)
            .ExecuteDeleteAsync(ct);
        if (deleted == 0)
            return false;
        await takeBack.RecordAsync(bondId, authorId, CheckInEntry, checkInId, ct);
        return true;
    }

    /// <summary>Clears the note of the author's shared check-in in the space; the feelings stay shared. False when there
    /// is no shared note of theirs (404).</summary>
    public async Task<bool> TakeBackNoteAsync(Guid bondId, Guid checkInId, Guid authorId, CancellationToken ct = default)
    {
        if (await spaces.ForWritingAsync(bondId, authorId, ct) is null)
            return false;
        var cleared = await db.Set<CheckInShare>()
            .Where(s => s.CheckInId == checkInId && s.BondId == bondId && s.PersonId == authorId && s.NoteCipher != null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.NoteCipher, (byte[]?)null), ct);
        if (cleared == 0)
            return false;
        await takeBack.RecordAsync(bondId, authorId, NoteEntry, checkInId, ct);
        return true;
    }

    /// <summary>Deletes a reflection its writer wrote on the other person's check-in. False when it is not theirs (404).</summary>
    public async Task<bool> TakeBackReflectionAsync(Guid bondId, Guid reflectionId, Guid authorId, CancellationToken ct = default)
    {
        if (await spaces.ForWritingAsync(bondId, authorId, ct) is null)
            return false;
        var deleted = await db.Set<Reflection>()
            .Where(r => r.Id == reflectionId && r.BondId == bondId && r.AuthorId == authorId)
            .ExecuteDeleteAsync(ct);
        if (deleted == 0)
            return false;
        await takeBack.RecordAsync(bondId, authorId, ReflectionEntry, reflectionId, ct);
        return true;
    }
}
