namespace Corner.Web.Features.Quiz;

/// <summary>Marker for the quiz text (dimensions, statements, pages) in Resources/Features/Quiz/QuizText.resx.</summary>
public sealed class QuizText;
