using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Moments;

/// <summary>
/// Hand-overs in Moments that wait on this person: a moment to answer, an answer to close with a word, an
/// ask from the other (and, once its day has passed, how it went), a missed moment to respond to, and a
/// response to a missed moment they wrote.
/// </summary>
public sealed class MomentsWaiting(CornerDbContext db, PersonalDay day, IStringLocalizer<MomentsText> text) : IWaitingForYouSource
{
    public string CountSql => """
        (select count(*) from moments x where x.bond_id = m.bond_id
            and ((x.backed_id = m.person_id and x.answer is null)
                 or (x.supporter_id = m.person_id and x.answer is not null and x.reinforced_at is null)))
        + (select count(*) from backing_asks a where a.bond_id = m.bond_id and a.supporter_id = m.person_id
            and not exists (select 1 from moments x where x.ask_id = a.id))
        + (select count(*) from missed_moments x where x.bond_id = m.bond_id
            and ((x.other_id = m.person_id and x.responded_at is null)
                 or (x.author_id = m.person_id and x.responded_at is not null and x.author_repaired_at is null)))
        """;

    public async Task<IReadOnlyList<WaitingItem>> ListAsync(Guid bondId, Guid personId, string otherName, CancellationToken ct)
    {
        var items = new List<WaitingItem>();
        var moments = await db.Set<Moment>().AsNoTracking()
            .Where(m => m.BondId == bondId && ((m.BackedId == personId && m.Answer == null)
                || (m.SupporterId == personId && m.Answer != null && m.ReinforcedAt == null)))
            .Select(m => new { m.Id, m.RecordedAt, m.AnsweredAt, ToAnswer = m.BackedId == personId })
            .ToListAsync(ct);
        foreach (var m in moments)
            items.Add(m.ToAnswer
                ? new WaitingItem(m.RecordedAt, text["Waiting_MomentToAnswer", otherName], $"/spaces/{bondId}/moments/{m.Id}")
                : new WaitingItem(m.AnsweredAt!.Value, text["Waiting_MomentToReinforce", otherName], $"/spaces/{bondId}/moments/{m.Id}#reinforce"));

        var asks = await db.Set<BackingAsk>().AsNoTracking()
            .Where(a => a.BondId == bondId && a.SupporterId == personId && !db.Set<Moment>().Any(m => m.AskId == a.Id))
            .Select(a => new { a.Id, a.CreatedAt, a.OnDate, a.AskerId })
            .ToListAsync(ct);
        foreach (var a in asks)
        {
            var passed = await day.TodayAsync(a.AskerId, ct) > a.OnDate;
            items.Add(passed
                ? new WaitingItem(a.CreatedAt, text["Waiting_AskToRecord", otherName], $"/spaces/{bondId}/moments/new?askId={a.Id}")
                : new WaitingItem(a.CreatedAt, text["Waiting_AskToKnow", otherName, a.OnDate.ToString("d MMMM", System.Globalization.CultureInfo.CurrentCulture)],
                    $"/spaces/{bondId}/moments?show=asks#ask-{a.Id}"));
        }

        var missed = await db.Set<MissedMoment>().AsNoTracking()
            .Where(m => m.BondId == bondId && ((m.OtherId == personId && m.RespondedAt == null)
                || (m.AuthorId == personId && m.RespondedAt != null && m.AuthorRepairedAt == null)))
            .Select(m => new { m.Id, m.CreatedAt, m.RespondedAt, ToRespond = m.OtherId == personId })
            .ToListAsync(ct);
        foreach (var m in missed)
            items.Add(m.ToRespond
                ? new WaitingItem(m.CreatedAt, text["Waiting_MissedToRespond", otherName], $"/spaces/{bondId}/missed/{m.Id}")
                : new WaitingItem(m.RespondedAt!.Value, text["Waiting_MissedResponded", otherName], $"/spaces/{bondId}/missed/{m.Id}"));
        return items;
    }
}
