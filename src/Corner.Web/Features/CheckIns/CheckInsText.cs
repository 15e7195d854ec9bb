namespace Corner.Web.Features.CheckIns;

/// <summary>Marker for the check-ins text in Resources/Features/CheckIns/CheckInsText.resx.</summary>
public sealed class CheckInsText;
