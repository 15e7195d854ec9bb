using Corner.Web.Features.Bonds;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Corner.Web.Features.Quiz;

/// <summary>The space home's quiz card: start, carry on, waiting, or the latest secret strength.</summary>
public sealed class SpaceQuizViewComponent(QuizRounds rounds) : ViewComponent
{
    // The space home has already found the person a member of this space: the card reuses what it read.
    public async Task<IViewComponentResult> InvokeAsync(Bonds.SpaceDetails space)
    {
        var bond = space.Bond;
        var state = await rounds.StateAsync(bond, HttpContext.User.PersonId());
        return state.Space.OtherLeft
            ? Content("")
            : View("/Features/Quiz/_SpaceQuiz.cshtml", state);
    }
}
