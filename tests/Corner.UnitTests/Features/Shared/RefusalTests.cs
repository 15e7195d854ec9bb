using System.Reflection;
using Corner.Web.Features.Appreciations;
using Corner.Web.Features.CheckIns;
using Corner.Web.Features.Moments;
using Corner.Web.Features.PartnerMap;
using Corner.Web.Features.Shared;
using Microsoft.AspNetCore.Http;

namespace Corner.UnitTests.Features.Shared;

/// <summary>Issue 10, item 4: one rule for how pages and the API refuse, declared on each feature's problems.</summary>
public sealed class RefusalTests
{
    [Fact]
    public void AProblem_IsAnsweredAsItsMarkSays()
    {
        Assert.Equal(StatusCodes.Status404NotFound, Refusal.StatusOf(MapProblem.NotFound));
        Assert.Equal(StatusCodes.Status409Conflict, Refusal.StatusOf(MapProblem.NoOneToGuessAbout));
        Assert.Equal(StatusCodes.Status400BadRequest, Refusal.StatusOf(MapProblem.TextTooLong));
        Assert.Equal(StatusCodes.Status400BadRequest, Refusal.StatusOf((MapProblem?)null));
    }

    [Fact]
    public void SeveralProblems_AreAnsweredByTheMostFinal()
    {
        Assert.Equal(StatusCodes.Status409Conflict, Refusal.StatusOf([CheckInProblem.NoteTooLong, CheckInProblem.DayClosed]));
        Assert.Equal(StatusCodes.Status400BadRequest, Refusal.StatusOf([CheckInProblem.NoteTooLong, CheckInProblem.UnknownFeeling]));
        Assert.Equal(StatusCodes.Status404NotFound, Refusal.StatusOf([MomentProblem.AlreadyAnswered, MomentProblem.NotFound, MomentProblem.TextTooLong]));
        Assert.Equal(StatusCodes.Status400BadRequest, Refusal.StatusOf(Array.Empty<AppreciationProblem>()));
    }

    /// <summary>A new problem cannot quietly answer 400 when it means "not yours" or "already done": every problem named
    /// NotFound is marked so, and every "Already…" one is a conflict.</summary>
    [Fact]
    public void EveryFeaturesProblems_MarkNotFoundAndAlreadyDone()
    {
        var problems = typeof(Refusal).Assembly.GetTypes()
            .Where(t => t.IsEnum && (t.Name.EndsWith("Problem", StringComparison.Ordinal) || t.Name.EndsWith("Error", StringComparison.Ordinal)))
            .ToList();
        Assert.True(problems.Count >= 12, $"Found only {problems.Count} problem enums; the search itself is broken.");

        var unmarked = problems.SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => (f.Name == "NotFound" && f.GetCustomAttribute<NotFoundAttribute>() is null)
                    || (f.Name.StartsWith("Already", StringComparison.Ordinal) && f.GetCustomAttribute<ConflictAttribute>() is null))
                .Select(f => $"{t.Name}.{f.Name}"))
            .ToList();

        Assert.Empty(unmarked);
    }
}
