using System.Globalization;

namespace Corner.Web.Features.Quiz;

/// <summary>Small formatting rules the quiz's pages share: one decimal, the page for each growing edge's practice.</summary>
public static class QuizDisplay
{
    public static string Score(double value) => value.ToString("0.#", CultureInfo.CurrentCulture);

    /// <summary>The Corner practice that grows a dimension (practice P1–P8, docs/architecture.md).</summary>
    public static string PracticePath(Guid bondId, string dimension) => dimension switch
    {
        "toward" => $"/spaces/{bondId}/check-ins",
        "back" => $"/spaces/{bondId}/moments/new",
        "repair" => $"/spaces/{bondId}/missed/new",
        "appreciation" => $"/spaces/{bondId}/appreciations/new",
        _ => $"/spaces/{bondId}/map",
    };

    /// <summary>x in the picture's coordinates for a score on the 1–5 scale.</summary>
    public static double X(double score) => 20 + (score - QuizBank.Lowest) / (QuizBank.Highest - QuizBank.Lowest) * 280;

    public static string Fill(DimensionKind kind) => kind switch
    {
        DimensionKind.SharedStrength => "#1f6f50",
        DimensionKind.OneSided => "#8a4b00",
        _ => "#3d5a99",
    };

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
