using Corner.Web.Data;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Corner.Web.Infrastructure.Live;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Corner.Web.Features.Bonds;

/// <summary>A space's home: who is here, what is new, and what to do first.</summary>
public sealed class SpaceModel(SpaceAccessor spaces, WaitingForYou waiting, QueryBatch batch, IEnumerable<ISpaceHomeReads> cards,
    LiveUnread unread, Navigation navigation) : PageModel
{
    public SpaceDetails Space { get; private set; } = null!;

    /// <summary>Something that happened in the space, newest first.</summary>
    public sealed record Happening(DateTimeOffset At, string TextKey, string? Name);

    public IReadOnlyList<Happening> WhatIsNew { get; private set; } = [];

    /// <summary>Where the person who stays finds what the two of them kept, once the other has left.</summary>
    public static readonly (string Path, string TextKey)[] KeptTogether =
    [
        ("check-ins", "Space_Kept_CheckIns"),
        ("appreciations", "Space_Kept_Appreciations"),
        ("moments", "Space_Kept_Moments"),
        ("map", "Space_Kept_Map"),
        ("cycle", "Space_Kept_Cycle"),
    ];

    /// <summary>Hand-overs from the other member waiting on this person; empty until both are here.</summary>
    public IReadOnlyList<WaitingItem> Waiting { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid bondId, CancellationToken ct)
    {
        if (await spaces.FindDetailsForMemberAsync(bondId, User.PersonId(), ct) is not { } space)
            return NotFound();
        Space = space;
        WhatIsNew = Describe(space);
        // Every card's reads, what waits for the person and the layout's "N new" go to PostgreSQL together, in one
        // round trip.
        var personId = User.PersonId();
        foreach (var card in cards)
            card.Queue(batch, space, personId);
        var other = space.Other is { LeftAt: null } present ? present : null;
        var waitingRows = other is null ? null : waiting.Queue(batch, bondId, personId);
        var unreadRows = unread.Queue(batch, personId);
        await batch.RunAsync(ct);
        navigation.Remember(LiveUnread.Counts(unreadRows));
        if (other is not null && waitingRows is not null)
            Waiting = await waiting.ItemsAsync(waitingRows, bondId, other.DisplayName, ct);
        return Page();
    }

    private static List<Happening> Describe(SpaceDetails space)
    {
        var list = new List<Happening>();
        foreach (var member in space.Members)
        {
            var who = member.IsYou ? null : member.DisplayName;
            // Someone who deleted their account has no name left: "the other person".
            var they = member.AccountDeleted ? "Other" : "They";
            list.Add(new Happening(member.JoinedAt, (member.StartedTheSpace, member.IsYou) switch
            {
                (true, true) => "Space_New_YouStarted",
                (true, false) => $"Space_New_{they}Started",
                (false, true) => "Space_New_YouJoined",
                (false, false) => $"Space_New_{they}Joined",
            }, who));
            if (member.LeftAt is { } leftAt && !member.IsYou)
                list.Add(new Happening(leftAt, $"Space_New_{they}Left", who));
        }
        if (space.IsOpenToInvitations && space.LatestInvitation is { } invitation)
            list.Add(invitation.State switch
            {
                InvitationState.Open => new Happening(invitation.CreatedAt, "Space_New_InvitationOpen", null),
                InvitationState.Expired => new Happening(invitation.ExpiresAt, "Space_New_InvitationExpired", null),
                InvitationState.Revoked => new Happening(invitation.RevokedAt ?? invitation.CreatedAt, "Space_New_InvitationRevoked", null),
                _ => new Happening(invitation.RedeemedAt ?? invitation.CreatedAt, "Space_New_InvitationUsed", null),
            });
        return list.OrderByDescending(h => h.At).ToList();
    }
}
