using Corner.Web.Data;
using Corner.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.PartnerMap;

/// <summary>
/// Taking back (issue 14, item 3) in the partner map: a member takes back their own answer to a question, or their
/// guess about the other (the other's mark and note on that guess go with it: they were about words no longer there).
/// The other's guess about them stays theirs. Only the writer, only while a member; anything else is not found (404).
/// </summary>
public sealed class MapTakeBack(CornerDbContext db, TakeBack takeBack)
{
    public Task<bool> AnswerAsync(Guid bondId, Guid answerId, Guid personId, CancellationToken ct = default) =>
        takeBack.TakeAsync(bondId, personId, "map_answer", answerId, () => db.Set<MapSelfAnswer>()
            .Where(a => a.Id == answerId && a.BondId == bondId && a.PersonId == personId)
            .ExecuteDeleteAsync(ct), ct);

    public Task<bool> GuessAsync(Guid bondId, Guid guessId, Guid guesserId, CancellationToken ct = default) =>
        takeBack.TakeAsync(bondId, guesserId, "map_guess", guessId, () => db.Set<MapGuess>()
            .Where(g => g.Id == guessId && g.BondId == bondId && g.GuesserId == guesserId)
            .ExecuteDeleteAsync(ct), ct);
}
