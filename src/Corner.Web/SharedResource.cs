namespace Corner.Web;

/// <summary>Marker for the shared user-facing text in Resources/SharedResource.resx.</summary>
public sealed class SharedResource;
