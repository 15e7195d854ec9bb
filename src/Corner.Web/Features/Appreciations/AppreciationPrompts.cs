namespace Corner.Web.Features.Appreciations;

/// <summary>
/// Gentle prompts for someone who is stuck. They go round in order: each appreciation a person sends moves
/// their starting prompt along by one, and "another idea" steps to the next, so a prompt comes back only
/// after the whole bank has been shown and never twice in a row. The texts are Prompt_1 … Prompt_N in the resx.
/// </summary>
public static class AppreciationPrompts
{
    public const int Count = 10;

    public static string TextKey(int index) => $"Prompt_{index + 1}";

    /// <summary>The prompt to show: the one asked for when it is a real one, else where this person's rotation is.</summary>
    public static int Current(int? requested, int sentCount) =>
        requested is { } r and >= 0 and < Count ? r : (int)((uint)sentCount % Count);

    public static int Next(int index) => (index + 1) % Count;
}
