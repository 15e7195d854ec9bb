using Corner.Web.Data;
using Corner.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.CheckIns;

/// <summary>
/// Taking back a shared check-in (issue 14, item 3): the author stops sharing it in one space, or takes back only
/// its note there. The check-in itself stays the author's own. Reflections the other person wrote on it stay
/// theirs: they are kept, and no page shows them while the check-in is not shared.
/// </summary>
public sealed class CheckInTakeBack(CornerDbContext db, TakeBack takeBack)
{
    public const string CheckInEntry = "check_in";
    public const string NoteEntry = "check_in_note";
    public const string ReflectionEntry = "reflection";

    /// <summary>Removes the share of the author's check-in from the space. False when there is none of theirs (404).</summary>
    public Task<bool> StopSharingAsync(Guid bondId, Guid checkInId, Guid authorId, CancellationToken ct = default) =>
        takeBack.TakeAsync(bondId, authorId, CheckInEntry, checkInId, () => db.Set<CheckInShare>()
            .Where(s => s.CheckInId == checkInId && s.BondId == bondId && s.PersonId == authorId)
            .ExecuteDeleteAsync(ct), ct);

    /// <summary>Clears the note of the author's shared check-in in the space; the feelings stay shared. False when there
    /// is no shared note of theirs (404).</summary>
    public Task<bool> TakeBackNoteAsync(Guid bondId, Guid checkInId, Guid authorId, CancellationToken ct = default) =>
        takeBack.TakeAsync(bondId, authorId, NoteEntry, checkInId, () => db.Set<CheckInShare>()
            .Where(s => s.CheckInId == checkInId && s.BondId == bondId && s.PersonId == authorId && s.NoteCipher != null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.NoteCipher, (byte[]?)null), ct), ct);

    /// <summary>Deletes a reflection its writer wrote on the other person's check-in. False when it is not theirs (404).</summary>
    public Task<bool> TakeBackReflectionAsync(Guid bondId, Guid reflectionId, Guid authorId, CancellationToken ct = default) =>
        takeBack.TakeAsync(bondId, authorId, ReflectionEntry, reflectionId, () => db.Set<Reflection>()
            .Where(r => r.Id == reflectionId && r.BondId == bondId && r.AuthorId == authorId)
            .ExecuteDeleteAsync(ct), ct);
}
