using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.CheckIns;

/// <summary>Reflections on this person's check-ins in the space that they have not yet answered.</summary>
public sealed class CheckInsWaiting(CornerDbContext db, IStringLocalizer<CheckInsText> text) : IWaitingForYouSource
{
    public async Task<IReadOnlyList<WaitingItem>> ListAsync(Guid bondId, Guid personId, string otherName, CancellationToken ct)
    {
        var unanswered = await (
            from r in db.Set<Reflection>().AsNoTracking()
            join s in db.Set<CheckInShare>() on new { r.CheckInId, r.BondId } equals new { s.CheckInId, s.BondId }
            where r.BondId == bondId && s.PersonId == personId && r.AuthorId != personId && r.Response == null
            orderby r.CreatedAt
            select r.CreatedAt).ToListAsync(ct);
        return unanswered
            .Select(at => new WaitingItem(at, text["Waiting_ReflectionToAnswer", otherName], $"/spaces/{bondId}/check-ins"))
            .ToList();
    }
}
