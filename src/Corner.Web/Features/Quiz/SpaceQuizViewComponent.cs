using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Corner.Web.Features.Quiz;

/// <summary>The space home's quiz card: start, carry on, waiting, or the latest secret strength.</summary>
public sealed class SpaceQuizViewComponent(QuizRounds rounds) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid bondId)
    {
        var state = await rounds.StateAsync(bondId, HttpContext.User.PersonId());
        return state is null || state.Space.OtherLeft
            ? Content("")
            : View("/Features/Quiz/_SpaceQuiz.cshtml", state);
    }
}
