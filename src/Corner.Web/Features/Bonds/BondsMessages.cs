using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Bonds;

/// <summary>Maps the feature's error enums to their text (their status codes are <see cref="Shared.Refusal"/>'s).</summary>
public static class BondsMessages
{
    public static string For(this IStringLocalizer<BondsText> text, BondInputError error) => text[$"Error_{error}", BondInput.NameMaxLength];

    public static string For(this IStringLocalizer<BondsText> text, InvitationProblem problem) => text[$"Join_Problem_{problem}"];

    public static string For(this IStringLocalizer<BondsText> text, InvitationIssueError error) => text[$"Invite_Error_{error}"];
}
