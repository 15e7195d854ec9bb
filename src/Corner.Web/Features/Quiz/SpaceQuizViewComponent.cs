using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Corner.Web.Features.Quiz;

/// <summary>The quiz card's reads, queued with the other cards' (<see cref="ISpaceHomeReads"/>).</summary>
public sealed class SpaceQuizReads : ISpaceHomeReads
{
    public QuizRounds.QueuedState? State { get; private set; }

    public void Queue(QueryBatch batch, SpaceDetails space, Guid personId) => State = QuizRounds.QueueState(batch, space.Bond.Id, personId);
}

/// <summary>The space home's quiz card: start, carry on, waiting, or the latest secret strength.</summary>
public sealed class SpaceQuizViewComponent(QuizRounds rounds, SpaceQuizReads reads) : ViewComponent
{
    // The space home has already found the person a member of this space: the card reuses what it read.
    public IViewComponentResult Invoke(SpaceDetails space)
    {
        var state = rounds.StateOf(reads.State!, space.Bond);
        return state.Space.OtherLeft
            ? Content("")
            : View("/Features/Quiz/_SpaceQuiz.cshtml", state);
    }
}
