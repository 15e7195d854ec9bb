namespace Corner.Web.Features.CheckIns;

/// <summary>One layer of feelings to pick from (what I'm showing / what's underneath).</summary>
public sealed record FeelingPickerModel(string Name, string Legend, string Hint, IReadOnlyCollection<string> Selected);
