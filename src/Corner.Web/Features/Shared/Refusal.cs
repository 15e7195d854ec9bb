using System.Collections.Concurrent;
using System.Reflection;

namespace Corner.Web.Features.Shared;

/// <summary>Marks a problem that refuses because of how things stand (already done, the other person left, a
/// newer version): the page and the API answer 409 Conflict. Unmarked problems are the person's to fix: 400.</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class ConflictAttribute : Attribute;

/// <summary>Marks a problem that means "there is nothing of yours here": the page and the API answer 404.</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class NotFoundAttribute : Attribute;

/// <summary>
/// The one rule for how a refusal is answered, shared by pages and the API. Each feature's problems (its
/// <c>*Problem</c> enum, the words its handlers and messages use) say on each value what kind of refusal it is:
/// unmarked → 400 (a validation problem: the page shows it next to what was typed, which is kept),
/// <see cref="ConflictAttribute"/> → 409, <see cref="NotFoundAttribute"/> → 404. When a request breaks several
/// rules, the most final answer wins: 404, then 409, then 400.
/// </summary>
public static class Refusal
{
    private static readonly ConcurrentDictionary<Enum, int> Statuses = new();

    public static int StatusOf<T>(T problem) where T : struct, Enum =>
        Statuses.GetOrAdd(problem, p =>
        {
            var field = p.GetType().GetField(p.ToString(), BindingFlags.Public | BindingFlags.Static);
            return field?.GetCustomAttribute<NotFoundAttribute>() is not null ? StatusCodes.Status404NotFound
                : field?.GetCustomAttribute<ConflictAttribute>() is not null ? StatusCodes.Status409Conflict
                : StatusCodes.Status400BadRequest;
        });

    public static int StatusOf<T>(T? problem) where T : struct, Enum =>
        problem is { } p ? StatusOf(p) : StatusCodes.Status400BadRequest;

    /// <summary>The answer for several problems at once: the most final of theirs (404, then 409, then 400).</summary>
    public static int StatusOf<T>(IEnumerable<T> problems) where T : struct, Enum
    {
        var statuses = problems.Select(StatusOf).ToHashSet();
        return statuses.Contains(StatusCodes.Status404NotFound) ? StatusCodes.Status404NotFound
            : statuses.Contains(StatusCodes.Status409Conflict) ? StatusCodes.Status409Conflict
            : StatusCodes.Status400BadRequest;
    }
}
