namespace Corner.Web.Features.Appreciations;

/// <summary>Marker for the appreciations and backing statements text in Resources/Features/Appreciations/AppreciationsText.resx.</summary>
public sealed class AppreciationsText;
