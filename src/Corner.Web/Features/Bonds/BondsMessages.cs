using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Bonds;

/// <summary>Maps the feature's error enums to their text and, for the API, their status codes.</summary>
public static class BondsMessages
{
    public static string For(this IStringLocalizer<BondsText> text, BondInputError error) => text[$"Error_{error}", BondInput.NameMaxLength];

    public static string For(this IStringLocalizer<BondsText> text, InvitationProblem problem) => text[$"Join_Problem_{problem}"];

    public static string For(this IStringLocalizer<BondsText> text, InvitationIssueError error) => text[$"Invite_Error_{error}"];

    public static int StatusOf(InvitationProblem problem) => problem switch
    {
        InvitationProblem.NotValid => StatusCodes.Status404NotFound,
        InvitationProblem.AlreadyUsed or InvitationProblem.SpaceFull => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };

    public static int StatusOf(InvitationIssueError error) => error switch
    {
        InvitationIssueError.NotFound => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status409Conflict,
    };
}
