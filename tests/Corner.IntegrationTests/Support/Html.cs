using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Corner.IntegrationTests.Support;

/// <summary>Reads pages and submits their forms the way a browser would (antiforgery included).</summary>
public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}");
        return Parser.ParseDocument(body);
    }

    /// <summary>GETs the page and, as site.js does once a page is shown, posts its "seen" forms
    /// (<c>form[data-post-on-view]</c>): a GET alone changes nothing.</summary>
    public static async Task<IHtmlDocument> ViewPageAsync(this HttpClient client, string url)
    {
        var document = await client.GetPageAsync(url);
        foreach (var form in document.QuerySelectorAll<IHtmlFormElement>("form[data-post-on-view]"))
        {
            var values = form.Elements.OfType<IHtmlInputElement>()
                .Where(i => !string.IsNullOrEmpty(i.Name))
                .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
            using var posted = await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(values));
            if ((int)posted.StatusCode >= 400)
                throw new InvalidOperationException($"Posting the seen form of {url} answered {(int)posted.StatusCode}");
        }
        return document;
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>GETs <paramref name="pageUrl"/>, fills the form (the first one whose action matches
    /// <paramref name="formAction"/>, or the first POST form) and submits it.</summary>
    public static Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string pageUrl,
        IDictionary<string, string> fields, string? formAction = null) =>
        client.SubmitFormAsync(pageUrl, fields.ToList(),
            f => formAction is null || (f.GetAttribute("action") ?? "").StartsWith(formAction, StringComparison.Ordinal));

    /// <summary>Like the dictionary form, but a name may repeat (several checkboxes) and <paramref name="choose"/>
    /// picks the POST form. Every name in <paramref name="fields"/> replaces what the form had for it.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string pageUrl,
        IReadOnlyList<KeyValuePair<string, string>> fields, Func<IHtmlFormElement, bool> choose)
    {
        var document = await client.GetPageAsync(pageUrl);
        // Forms in <main> first: the layout's header holds a sign-out form on every signed-in page.
        var form = document.Forms
            .Where(f => string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f.Closest("main") is null ? 1 : 0)
            .ThenBy(f => f.HasAttribute("data-post-on-view") ? 1 : 0)
            .FirstOrDefault(choose)
            ?? throw new InvalidOperationException($"No matching POST form on {pageUrl}");
        var names = fields.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var values = new List<KeyValuePair<string, string>>();
        foreach (var input in form.Elements.OfType<IHtmlInputElement>())
        {
            if (string.IsNullOrEmpty(input.Name) || names.Contains(input.Name)) continue;
            if (input.Type is "checkbox" or "radio" && !input.IsChecked) continue;
            if (input.Type is "submit" or "button") continue;
            values.Add(new(input.Name, input.Value));
        }
        foreach (var select in form.Elements.OfType<IHtmlSelectElement>())
            if (!string.IsNullOrEmpty(select.Name) && !names.Contains(select.Name))
                values.Add(new(select.Name, select.Value ?? ""));
        foreach (var (key, value) in fields)
            values.Add(new(key, value));
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? pageUrl : action;
        return await client.PostAsync(target, new FormUrlEncodedContent(values));
    }

    /// <summary>The antiforgery token from any form on the page at <paramref name="pageUrl"/>.</summary>
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string pageUrl)
    {
        var document = await client.GetPageAsync(pageUrl);
        return (document.QuerySelector("input[name='__RequestVerificationToken']") as IHtmlInputElement)?.Value
            ?? throw new InvalidOperationException($"No antiforgery token on {pageUrl}");
    }
}
