namespace Corner.Web.Features.Export;

/// <summary>Small helpers the features' export sources share.</summary>
public static class ExportDates
{
    /// <summary>A local day as the moment an entry is sorted by (its start, in UTC).</summary>
    public static DateTimeOffset Start(DateOnly day) => new(day, TimeOnly.MinValue, TimeSpan.Zero);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string List(IEnumerable<string> values) => string.Join(", ", values);

    public static string? Time(DateTimeOffset? at) => at?.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
