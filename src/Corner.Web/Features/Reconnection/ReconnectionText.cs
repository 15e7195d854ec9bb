namespace Corner.Web.Features.Reconnection;

/// <summary>Marker for the reconnection plan and pause text in Resources/Features/Reconnection/ReconnectionText.resx.</summary>
public sealed class ReconnectionText;
