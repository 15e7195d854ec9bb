using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Moments;

/// <summary>
/// Hand-overs in Moments that wait on this person: a moment to answer, an answer to close with a word, an
/// ask from the other (and, once its day has passed, how it went), a missed moment to respond to, and a
/// response to a missed moment they wrote.
/// </summary>
public sealed class MomentsWaiting(PersonalDay day, IStringLocalizer<MomentsText> text) : IWaitingForYouSource
{
    public string Sql => """
        select x.recorded_at as since, 'answer' as kind, x.id as item_id, null::date as day, null::text as detail, null::uuid as who
        from moments x where x.bond_id = m.bond_id and x.backed_id = m.person_id and x.answer is null
        union all
        select x.answered_at, 'reinforce', x.id, null::date, null::text, null::uuid
        from moments x where x.bond_id = m.bond_id and x.supporter_id = m.person_id and x.answer is not null and x.reinforced_at is null
        union all
        select a.created_at, 'ask', a.id, a.on_date, null::text, a.asker_id
        from backing_asks a where a.bond_id = m.bond_id and a.supporter_id = m.person_id
          and not exists (select 1 from moments x where x.ask_id = a.id)
        union all
        select x.created_at, 'missed', x.id, null::date, null::text, null::uuid
        from missed_moments x where x.bond_id = m.bond_id and x.other_id = m.person_id and x.responded_at is null
        union all
        select x.responded_at, 'responded', x.id, null::date, null::text, null::uuid
        from missed_moments x where x.bond_id = m.bond_id and x.author_id = m.person_id and x.responded_at is not null and x.author_repaired_at is null
        """;

    public async Task<WaitingItem?> ToItemAsync(WaitingRow row, Guid bondId, string otherName, CancellationToken ct) => row.Kind switch
    {
        "answer" => new WaitingItem(row.Since, text["Waiting_MomentToAnswer", otherName], $"/spaces/{bondId}/moments/{row.ItemId}"),
        "reinforce" => new WaitingItem(row.Since, text["Waiting_MomentToReinforce", otherName], $"/spaces/{bondId}/moments/{row.ItemId}#reinforce"),
        // An ask: once its day has passed where the asker lives, how it went; before, that it is coming.
        "ask" when await day.TodayAsync(row.Who!.Value, ct) > row.Day =>
            new WaitingItem(row.Since, text["Waiting_AskToRecord", otherName], $"/spaces/{bondId}/moments/new?askId={row.ItemId}"),
        "ask" => new WaitingItem(row.Since, text["Waiting_AskToKnow", otherName, row.Day!.Value.ToString("d MMMM", System.Globalization.CultureInfo.CurrentCulture)],
            $"/spaces/{bondId}/moments?show=asks#ask-{row.ItemId}"),
        "missed" => new WaitingItem(row.Since, text["Waiting_MissedToRespond", otherName], $"/spaces/{bondId}/missed/{row.ItemId}"),
        _ => new WaitingItem(row.Since, text["Waiting_MissedResponded", otherName], $"/spaces/{bondId}/missed/{row.ItemId}"),
    };
}
