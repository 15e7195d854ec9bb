using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Quiz;

/// <summary>One part of a relationship the quiz looks at, and the ids of its statements (in order).</summary>
public sealed record QuizDimension(string Key, IReadOnlyList<string> Statements);

/// <summary>
/// The quiz's dimensions and statements. The bank is data: the "Dimensions" entry of QuizText.resx lists the
/// dimensions in order, and each has statements "Statement_{dimension}_{n}" from 1 up, so adding an entry
/// grows the bank without code. A statement's id is "{dimension}_{n}".
/// </summary>
public sealed class QuizBank
{
    public QuizBank(IStringLocalizer<QuizText> text)
    {
        var dimensions = new List<QuizDimension>();
        foreach (var key in text["Dimensions"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var statements = new List<string>();
            for (var n = 1; !text[$"Statement_{key}_{n}"].ResourceNotFound; n++)
                statements.Add($"{key}_{n}");
            if (statements.Count > 0)
                dimensions.Add(new QuizDimension(key, statements));
        }
        Dimensions = dimensions;
        StatementIds = dimensions.SelectMany(d => d.Statements).ToHashSet(StringComparer.Ordinal);
    }

    public QuizBank(IReadOnlyList<QuizDimension> dimensions)
    {
        Dimensions = dimensions;
        StatementIds = dimensions.SelectMany(d => d.Statements).ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlyList<QuizDimension> Dimensions { get; }

    public IReadOnlySet<string> StatementIds { get; }

    public int StatementCount => StatementIds.Count;

    public const int Lowest = 1;
    public const int Highest = 5;

    public static string StatementKey(string statementId) => "Statement_" + statementId;
}
