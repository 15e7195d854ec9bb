namespace Corner.Web.Features.Shared;

/// <summary>
/// "The person has seen this", said by a POST, never by a GET (a GET changes nothing: docs/architecture.md).
/// _PostOnView.cshtml renders a form that site.js posts as soon as the page, or a refreshed part of it, is shown;
/// without JavaScript its button does the same.
/// </summary>
/// <param name="Action">Where the form posts, e.g. "/spaces/{id}/check-ins?handler=seen".</param>
/// <param name="Fields">Hidden fields, e.g. the moment the page was read.</param>
/// <param name="Button">Whether people without JavaScript get a "Mark as seen" button (not where a later POST records it anyway).</param>
public sealed record PostOnView(string Action, IReadOnlyDictionary<string, string> Fields, bool Button = true)
{
    public PostOnView(string action, bool button = true) : this(action, new Dictionary<string, string>(), button) { }
}
