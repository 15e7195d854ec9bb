using System.Text.Json;

namespace Corner.Web.Features.Quiz;

/// <summary>
/// Reads the answers a signed-out visitor kept in their browser (quiz.js writes them as
/// <c>{"v":1,"answers":{"toward_1":4,…}}</c>). The blob comes from the client, so it is checked hard: anything
/// malformed, oversized, with unknown statements, repeated keys or answers off the scale is refused whole.
/// </summary>
public static class CarriedAnswers
{
    public const int MaxLength = 4000;
    public const int Version = 1;

    /// <summary>The answers, or null when the blob is not one quiz.js could have written.</summary>
    public static IReadOnlyDictionary<string, int>? Parse(string? blob, QuizBank bank)
    {
        if (string.IsNullOrWhiteSpace(blob) || blob.Length > MaxLength)
            return null;
        try
        {
            using var document = JsonDocument.Parse(blob, new JsonDocumentOptions { MaxDepth = 4 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return null;
            JsonElement? answersElement = null;
            var sawVersion = false;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "v" when !sawVersion && property.Value.ValueKind == JsonValueKind.Number
                        && property.Value.TryGetInt32(out var v) && v == Version:
                        sawVersion = true;
                        break;
                    case "answers" when answersElement is null && property.Value.ValueKind == JsonValueKind.Object:
                        answersElement = property.Value;
                        break;
                    default:
                        return null;
                }
            }
            if (!sawVersion || answersElement is not { } answers)
                return null;
            var result = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var answer in answers.EnumerateObject())
            {
                if (!bank.StatementIds.Contains(answer.Name) || result.ContainsKey(answer.Name))
                    return null;
                if (answer.Value.ValueKind != JsonValueKind.Number || !answer.Value.TryGetInt32(out var value)
                    || value is < QuizBank.Lowest or > QuizBank.Highest)
                    return null;
                result[answer.Name] = value;
            }
            return result;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
