using Corner.Web.Data;
using Corner.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.Moments;

/// <summary>
/// Taking back (issue 14, item 3) in moments: the supporter takes back a moment they recorded, the writer a missed
/// moment, the asker an ask. Each is deleted with everything in its row (the other person's answer or response to it
/// goes with it: it was about words that are no longer there). A moment recorded for an ask that is taken back stays
/// the supporter's, without the ask. Only the author, only while a member; anything else is not found (404).
/// </summary>
public sealed class MomentsTakeBack(CornerDbContext db, TakeBack takeBack)
{
    public Task<bool> MomentAsync(Guid bondId, Guid momentId, Guid supporterId, CancellationToken ct = default) =>
        takeBack.TakeAsync(bondId, supporterId, "moment", momentId, () => db.Set<Moment>()
            .Where(m => m.Id == momentId && m.BondId == bondId && m.SupporterId == supporterId)
            .ExecuteDeleteAsync(ct), ct);

    public Task<bool> MissedAsync(Guid bondId, Guid missedId, Guid authorId, CancellationToken ct = default) =>
        takeBack.TakeAsync(bondId, authorId, "missed_moment", missedId, () => db.Set<MissedMoment>()
            .Where(m => m.Id == missedId && m.BondId == bondId && m.AuthorId == authorId)
            .ExecuteDeleteAsync(ct), ct);

    public Task<bool> AskAsync(Guid bondId, Guid askId, Guid askerId, CancellationToken ct = default) =>
        takeBack.TakeAsync(bondId, askerId, "backing_ask", askId, async () =>
        {
            var mine = db.Set<BackingAsk>().Where(a => a.Id == askId && a.BondId == bondId && a.AskerId == askerId);
            if (!await mine.AnyAsync(ct))
                return 0;
            await db.Set<Moment>().Where(m => m.AskId == askId && m.BondId == bondId)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.AskId, (Guid?)null), ct);
            return await mine.ExecuteDeleteAsync(ct);
        }, ct);
}
