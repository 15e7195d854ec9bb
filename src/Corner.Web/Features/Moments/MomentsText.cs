namespace Corner.Web.Features.Moments;

/// <summary>Marker for the moments text in Resources/Features/Moments/MomentsText.resx.</summary>
public sealed class MomentsText;
