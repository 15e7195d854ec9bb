namespace Corner.Web.Features.Reminders;

/// <summary>Marker for the reminders text in Resources/Features/Reminders/RemindersText.resx.</summary>
public sealed class RemindersText;
