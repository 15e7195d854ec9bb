using System.Text;

namespace Corner.Web.Infrastructure;

/// <summary>Stable snake_case names for enum values, used where a name is stored or sent: DateInFuture →
/// "date_in_future". Renaming a value changes what it is stored as, so such enums are renamed with a migration.</summary>
public static class SnakeCase
{
    public static string Of<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
                builder.Append('_');
            builder.Append(char.ToLowerInvariant(name[i]));
        }
        return builder.ToString();
    }
}
