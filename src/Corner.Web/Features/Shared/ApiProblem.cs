using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Corner.Web.Features.Shared;

/// <summary>
/// The one shape in which the API refuses: RFC 9457 problem details with a stable snake_case <c>code</c>
/// (also the <c>title</c> and the end of the <c>type</c>), a plain <c>detail</c>, and, when a request broke
/// several rules, every code under <c>problems</c>. The first listed problem names the answer; a feature's problem
/// carries its own status (<see cref="Refusal"/>: 400, or 409 and 404 as marked).
/// </summary>
public static class ApiProblem
{
    public const string TypeBase = "https://corner.app/problems/";

    public static ProblemHttpResult For(int status, string code, string detail, IReadOnlyDictionary<string, object?>? extra = null)
    {
        var extensions = extra is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(extra);
        extensions["code"] = code;
        return TypedResults.Problem(detail: detail, statusCode: status, title: code, type: TypeBase + code, extensions: extensions);
    }

    /// <summary>A refusal answered as <see cref="Refusal"/> says for <paramref name="problem"/> (400, 409 or 404).</summary>
    public static ProblemHttpResult For<T>(T problem, string detail, IReadOnlyDictionary<string, object?>? extra = null)
        where T : struct, Enum => For(Refusal.StatusOf(problem), Code(problem), detail, extra);

    /// <summary>A refusal for several broken rules at once: <paramref name="leading"/> names it, all are listed, and the
    /// status is the most final of theirs (<see cref="Refusal"/>).</summary>
    public static ProblemHttpResult ForAll<T>(T leading, IReadOnlyCollection<T> problems, string detail) where T : struct, Enum =>
        For(Refusal.StatusOf(problems), Code(leading), detail, new Dictionary<string, object?> { ["problems"] = problems.Select(p => Code(p)).ToArray() });

    /// <summary>Stable snake_case codes: DateInFuture → "date_in_future".</summary>
    public static string Code<T>(T problem) where T : struct, Enum => SnakeCase.Of(problem);
}
