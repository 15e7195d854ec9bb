using System.Globalization;

namespace Corner.Web.Features.CycleMap;

/// <summary>One box of the loop: whose it is, its heading, and its words already wrapped to fit.</summary>
public sealed record LoopBox(string Half, string Kind, double X, double Y, string Heading, IReadOnlyList<string> Lines)
{
    public double Width => CycleLoop.BoxWidth;
    public double Height => CycleLoop.BoxHeight;
    public double TextX => X + 14;
    public double HeadingY => Y + 26;
    public double LineY(int index) => Y + 50 + index * 19;
}

/// <summary>
/// The two halves drawn as one loop, clockwise: my trigger (bottom left) leads to what I do (top left), which
/// can set off your trigger (top right), which leads to what you do (bottom right), which can set off mine.
/// Only the geometry and the wrapping live here; the words come from the halves and the text resources.
/// </summary>
public sealed class CycleLoop
{
    public const double Width = 640;
    public const double Height = 480;
    public const double BoxWidth = 236;
    public const double BoxHeight = 128;
    public const int LineLength = 30;
    public const int MaxLines = 4;

    public string ViewBox => "0 0 640 480";

    public IReadOnlyList<LoopBox> Boxes { get; }

    /// <summary>The other member's name, for the drawing's description.</summary>
    public string TheirName { get; }

    /// <summary>The drawing's description when it is not the viewer's own loop (a counsellor's view names both).</summary>
    public string? Description { get; init; }

    /// <param name="mineTriggerHeading">e.g. "What sets you off"; the other headings likewise.</param>
    public CycleLoop(CycleHalfView mine, CycleHalfView theirs, Func<string, string> behaviourWords,
        string mineTriggerHeading, string mineReactionHeading, string theirTriggerHeading, string theirReactionHeading)
    {
        TheirName = theirs.Name;
        static string Heading(string text) => Wrap(text, LineLength, 1).FirstOrDefault() ?? "";
        Boxes =
        [
            new("mine", "trigger", 16, 336, Heading(mineTriggerHeading), Wrap(mine.Trigger ?? "", LineLength, MaxLines)),
            new("mine", "reaction", 16, 16, Heading(mineReactionHeading), Wrap(ReactionText(mine, behaviourWords), LineLength, MaxLines)),
            new("theirs", "trigger", 388, 16, Heading(theirTriggerHeading), Wrap(theirs.Trigger ?? "", LineLength, MaxLines)),
            new("theirs", "reaction", 388, 336, Heading(theirReactionHeading), Wrap(ReactionText(theirs, behaviourWords), LineLength, MaxLines)),
        ];
    }

    /// <summary>The chosen behaviours in the person's language, then their own words.</summary>
    public static string ReactionText(CycleHalfView half, Func<string, string> behaviourWords)
    {
        var behaviours = string.Join(", ", half.Behaviours.Select(behaviourWords));
        return (behaviours, half.Reaction) switch
        {
            ("", null) => "",
            ("", { } words) => words,
            (_, null) => behaviours,
            (_, { } words) => behaviours + "; " + words,
        };
    }

    /// <summary>
    /// Breaks <paramref name="text"/> into at most <paramref name="maxLines"/> lines of at most <paramref name="width"/>
    /// characters as a reader counts them (an emoji or an accented letter is one), at spaces where it can; if the text
    /// does not fit, the last line ends with "…". Line breaks in the text count as spaces.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, int width, int maxLines)
    {
        var words = text.Split((char[])[' ', '\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
        var lines = new List<List<string>>();
        var current = new List<string>();
        foreach (var word in words)
        {
            var rest = Elements(word);
            while (rest.Count > 0)
            {
                if (current.Count == 0 && rest.Count > width)
                {
                    // A word longer than a line (a long link, say) is cut where the line ends.
                    lines.Add(rest[..width]);
                    rest = rest[width..];
                }
                else if (current.Count == 0)
                {
                    current = rest;
                    rest = [];
                }
                else if (current.Count + 1 + rest.Count <= width)
                {
                    current = [.. current, " ", .. rest];
                    rest = [];
                }
                else
                {
                    lines.Add(current);
                    current = [];
                }
            }
        }
        if (current.Count > 0)
            lines.Add(current);

        var result = lines.Select(l => string.Concat(l)).ToList();
        if (result.Count <= maxLines)
            return result;
        var last = Elements(result[maxLines - 1]);
        var cut = string.Concat(last.Take(Math.Min(last.Count, width - 1))).TrimEnd();
        return [.. result.Take(maxLines - 1), cut + "…"];
    }

    private static List<string> Elements(string text)
    {
        var list = new List<string>();
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext())
            list.Add(e.GetTextElement());
        return list;
    }

    /// <summary>SVG numbers are always invariant.</summary>
    public static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
