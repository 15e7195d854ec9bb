using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Corner.Web.Features.Privacy;

/// <summary>Marker type for the privacy and safety pages' text.</summary>
public sealed class PrivacyText;

/// <summary>Where "Leave this page quickly" goes: a neutral outside page (<c>Corner:QuickExitUrl</c>).</summary>
public static class QuickExit
{
    public const string DefaultUrl = "https://www.wikipedia.org/";

    /// <summary>The configured address when it is an absolute http(s) URL, else the default.</summary>
    public static string Url(IConfiguration configuration) =>
        Uri.TryCreate(configuration["Corner:QuickExitUrl"], UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? url.AbsoluteUri
            : DefaultUrl;
}

/// <summary><c>/privacy</c>: what Corner keeps and why, for anyone, signed in or not.</summary>
[AllowAnonymous]
public sealed class PrivacyModel(IConfiguration configuration) : PageModel
{
    public string QuickExitUrl { get; } = QuickExit.Url(configuration);

    public void OnGet()
    {
    }
}

/// <summary><c>/safety</c>: for someone who does not feel safe with the other person in a space.</summary>
[AllowAnonymous]
public sealed class SafetyModel(IConfiguration configuration) : PageModel
{
    public string QuickExitUrl { get; } = QuickExit.Url(configuration);

    public void OnGet()
    {
    }
}
