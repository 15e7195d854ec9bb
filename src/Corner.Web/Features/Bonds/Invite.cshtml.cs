using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Corner.Web.Features.Bonds;

/// <summary>Makes a one-time link for the other person. The link is shown once, right after it is made.</summary>
public sealed class InviteModel(SpaceAccessor spaces, InvitationIssuer issuer, IOptions<CornerOptions> options, IStringLocalizer<BondsText> text) : PageModel
{
    public SpaceDetails Space { get; private set; } = null!;

    /// <summary>Set only in the response to the POST that made the link.</summary>
    public string? NewLink { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid bondId, CancellationToken ct) =>
        await LoadAsync(bondId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCreateAsync(Guid bondId, CancellationToken ct)
    {
        var (invitation, error) = await issuer.CreateAsync(User.PersonId(), bondId, ct);
        if (error is InvitationIssueError.NotFound)
            return NotFound();
        if (error is { } problem)
            Problem = text.For(problem);
        else
            NewLink = BondsApi.JoinLink(HttpContext, options.Value, invitation!.Token);
        return await LoadAsync(bondId, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid bondId, Guid invitationId, CancellationToken ct)
    {
        switch (await issuer.RevokeAsync(User.PersonId(), bondId, invitationId, ct))
        {
            case InvitationRevokeError.NotFound:
                return NotFound();
            case InvitationRevokeError.AlreadyUsed:
                Problem = text["Invite_RevokeAlreadyUsed"];
                return await LoadAsync(bondId, ct) ? Page() : NotFound();
            default:
                TempData["Flash"] = text["Invite_Revoked"].Value;
                return Redirect($"/spaces/{bondId}/invite");
        }
    }

    private async Task<bool> LoadAsync(Guid bondId, CancellationToken ct)
    {
        if (await spaces.FindDetailsForMemberAsync(bondId, User.PersonId(), ct) is not { } space)
            return false;
        Space = space;
        return true;
    }
}
