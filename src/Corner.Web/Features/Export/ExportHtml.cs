using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Export;

/// <summary>
/// The export's <c>index.html</c>: the same content as <c>export.json</c>, readable in any browser with no network
/// (one file, its style inside, no scripts, nothing fetched from anywhere), organised by space and practice, and
/// printable. Every word anyone wrote is HTML-encoded.
/// </summary>
public static class ExportHtml
{
    public static string Render(ExportDocument document, IStringLocalizer text, TimeZoneInfo zone)
    {
        var html = new StringBuilder();
        string T(string key, params object[] args) => Encode(text[key, args].Value);
        string Label(string prefix, string key) =>
            text[$"{prefix}_{key}"] is { ResourceNotFound: false } found ? Encode(found.Value) : Encode(key.Replace('_', ' '));
        string When(DateTimeOffset at) => Encode(TimeZoneInfo.ConvertTime(at, zone).ToString("d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture));
        // Entries of a day (a check-in) carry the day's start in UTC (ExportDates.Start): the day itself, no time.
        string WhenEntry(DateTimeOffset at) => at.TimeOfDay == TimeSpan.Zero && at.Offset == TimeSpan.Zero
            ? Encode(at.ToString("d MMMM yyyy", CultureInfo.InvariantCulture))
            : When(at);

        void Practices(IReadOnlyList<ExportPractice> practices, string? otherName)
        {
            if (practices.Count == 0)
            {
                html.Append("<p class=\"empty\">").Append(T("Export_Html_Nothing")).Append("</p>\n");
                return;
            }
            foreach (var practice in practices)
            {
                html.Append("<section>\n<h3>").Append(Label("Export_Practice", practice.Practice)).Append("</h3>\n");
                foreach (var entry in practice.Entries)
                {
                    var by = entry.Yours ? T("Export_Html_ByYou") : T("Export_Html_ByThem", entry.By ?? otherName ?? "");
                    html.Append("<article class=\"").Append(entry.Yours ? "yours" : "theirs").Append("\">\n<p class=\"meta\"><strong>")
                        .Append(Label("Export_Kind", entry.Kind)).Append("</strong> · ").Append(by).Append(" · <time>")
                        .Append(WhenEntry(entry.At)).Append("</time></p>\n<dl>\n");
                    foreach (var field in entry.Fields.Where(f => !string.IsNullOrEmpty(f.Value)))
                        html.Append("<dt>").Append(Label("Export_Field", field.Name)).Append("</dt><dd>").Append(Encode(field.Value!)).Append("</dd>\n");
                    html.Append("</dl>\n</article>\n");
                }
                html.Append("</section>\n");
            }
        }

        html.Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
            .Append("<title>").Append(T("Export_Html_Title", document.Person.DisplayName)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n<main>\n")
            .Append("<h1>").Append(T("Export_Html_Title", document.Person.DisplayName)).Append("</h1>\n")
            .Append("<p>").Append(T("Export_Html_Made", When(document.ExportedAt))).Append("</p>\n")
            .Append("<p>").Append(T("Export_Html_About")).Append("</p>\n");

        html.Append("<section class=\"space\">\n<h2>").Append(T("Export_Html_Private")).Append("</h2>\n");
        Practices(document.Private, null);
        html.Append("</section>\n");
        foreach (var section in document.Spaces)
        {
            html.Append("<section class=\"space\">\n<h2>").Append(Encode(section.Space.Name)).Append("</h2>\n<p class=\"meta\">")
                .Append(section.Space.OtherName is { } other ? T("Export_Html_With", other) : T("Export_Html_Alone"))
                .Append(section.Space.LeftAt is { } left ? " · " + T("Export_Html_Left", When(left)) : "").Append("</p>\n");
            Practices(section.Practices, section.Space.OtherName);
            html.Append("</section>\n");
        }
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);

    private const string Style = """
        body { font: 16px/1.5 system-ui, sans-serif; color: #1f2a26; background: #fff; margin: 0; }
        main { max-width: 42rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
        h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; margin-top: 2.5rem; border-bottom: 2px solid #2f5d50; }
        h3 { font-size: 1.05rem; margin-top: 1.5rem; }
        article { border: 1px solid #d8d2c8; border-radius: 6px; padding: 0.5rem 0.9rem; margin: 0.6rem 0; break-inside: avoid; }
        article.theirs { border-left: 4px solid #7a6a9a; } article.yours { border-left: 4px solid #2f5d50; }
        .meta { color: #4f5b57; font-size: 0.9rem; margin: 0.2rem 0; }
        dl { margin: 0.3rem 0; } dt { font-weight: 600; font-size: 0.9rem; } dd { margin: 0 0 0.4rem; white-space: pre-wrap; overflow-wrap: anywhere; }
        .empty { color: #4f5b57; }
        @media print { main { max-width: none; } h2 { break-before: page; } h2:first-of-type { break-before: auto; } }

        """;
}
