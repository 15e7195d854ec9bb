namespace Corner.Web.Features.Bonds;

/// <summary>Marker for the spaces feature's user-facing text in Resources/Features/Bonds/BondsText.resx.</summary>
public sealed class BondsText;
