using Corner.Web.Data;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Corner.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Bonds;

/// <summary>Where an invitation link lands. Anyone may look; joining needs an account.</summary>
[AllowAnonymous]
[EnableRateLimiting(CornerSecurity.RateLimits.InvitationRedemption)]
public sealed class JoinModel(InvitationRedeemer redeemer, IStringLocalizer<BondsText> text) : PageModel
{
    public string Token { get; private set; } = "";
    public bool IsSignedIn { get; private set; }
    public string? InviterName { get; private set; }
    public BondKind? Kind { get; private set; }
    public Guid? AlreadyMemberOf { get; private set; }
    public bool QuizWaiting { get; private set; }
    public string? Problem { get; private set; }

    /// <summary>True when the link can be used by this visitor right now.</summary>
    public bool CanJoin => Problem is null && AlreadyMemberOf is null;

    public string ReturnUrl => InvitationToken.JoinPath(Token);

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        await PreviewAsync(token, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        if (User.PersonIdOrNull() is not { } personId)
        {
            await PreviewAsync(token, ct);
            return Page();
        }
        var redemption = await redeemer.RedeemAsync(personId, token, ct);
        if (redemption.BondId is { } bondId)
        {
            TempData["Flash"] = text["Join_Welcome"].Value;
            return Redirect($"/spaces/{bondId}");
        }
        await PreviewAsync(token, ct);
        Problem = text.For(redemption.Problem!.Value);
        Response.StatusCode = Refusal.StatusOf(redemption.Problem.Value);
        return Page();
    }

    private async Task PreviewAsync(string token, CancellationToken ct)
    {
        var personId = User.PersonIdOrNull();
        IsSignedIn = personId is not null;
        var preview = await redeemer.PreviewAsync(token, personId, ct);
        // Only a well-formed token is ever written back into the page (links and the form).
        Token = InvitationToken.HashOf(token) is null ? "" : token;
        InviterName = preview.InviterName;
        Kind = preview.Kind;
        AlreadyMemberOf = preview.AlreadyMemberOf;
        QuizWaiting = preview.QuizWaiting;
        if (preview.AlreadyMemberOf is null && preview.Problem is { } problem)
        {
            Problem = text.For(problem);
            Response.StatusCode = problem switch
            {
                InvitationProblem.NotValid => StatusCodes.Status404NotFound,
                InvitationProblem.OwnSpace => StatusCodes.Status200OK,
                _ => StatusCodes.Status410Gone,
            };
        }
    }
}
