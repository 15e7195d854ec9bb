namespace Corner.Web.Features.Counsel;

/// <summary>Marker for the outside view's text in Resources/Features/Counsel/CounselText.resx.</summary>
public sealed class CounselText;
