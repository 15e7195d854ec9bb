using System.Globalization;
using Corner.Web.Data;

namespace Corner.Web.Features.Bonds;

/// <summary>What can be wrong with the kind or name someone gives a new space.</summary>
public enum BondInputError
{
    KindRequired,
    KindUnknown,
    NameRequired,
    NameTooLong,
    NameHasControlCharacters,
}

/// <summary>Reads and checks a space's kind and name, the same way for pages and the API.</summary>
public static class BondInput
{
    public const int NameMaxLength = 80;

    public static string KindField(BondInputError error) =>
        error is BondInputError.KindRequired or BondInputError.KindUnknown ? "Kind" : "Name";

    /// <summary>Only the kinds' names count ("Partners"); numbers and unknown words do not.</summary>
    public static bool TryParseKind(string? value, out BondKind kind)
    {
        kind = default;
        var name = Enum.GetNames<BondKind>().FirstOrDefault(n => string.Equals(n, value?.Trim(), StringComparison.OrdinalIgnoreCase));
        return name is not null && Enum.TryParse(name, out kind);
    }

    public static IReadOnlyList<BondInputError> Validate(string? kindText, string? nameText, out BondKind kind, out string name)
    {
        var errors = new List<BondInputError>();
        if (string.IsNullOrWhiteSpace(kindText))
            errors.Add(BondInputError.KindRequired);
        else if (!TryParseKind(kindText, out _))
            errors.Add(BondInputError.KindUnknown);
        TryParseKind(kindText, out kind);

        name = (nameText ?? "").Trim();
        if (name.Length == 0)
            errors.Add(BondInputError.NameRequired);
        // Counted as a person sees letters (an emoji is one), with a hard cap on the raw length.
        else if (name.Length > NameMaxLength * 8 || new StringInfo(name).LengthInTextElements > NameMaxLength)
            errors.Add(BondInputError.NameTooLong);
        else if (name.Any(char.IsControl))
            errors.Add(BondInputError.NameHasControlCharacters);
        return errors;
    }
}
