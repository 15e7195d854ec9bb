namespace Corner.Web.Features.PartnerMap;

/// <summary>Marker for the partner map's text in Resources/Features/PartnerMap/PartnerMapText.resx.</summary>
public sealed class PartnerMapText;
