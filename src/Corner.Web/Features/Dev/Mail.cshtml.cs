using System.Text.RegularExpressions;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Corner.Web.Features.Dev;

/// <summary>Development only: the emails Corner "sent", read from the pickup folder. 404 anywhere else.</summary>
[AllowAnonymous]
public sealed partial class MailModel(IWebHostEnvironment environment, IOptions<EmailOptions> options) : PageModel
{
    public IReadOnlyList<DevMail.MailSummary> Messages { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (!environment.IsDevelopment())
            return NotFound();
        Messages = DevMail.Read(options.Value.PickupFolder);
        return Page();
    }

    /// <summary>The body split into plain text and links, so the page can encode one and link the other.</summary>
    public static IEnumerable<(string Text, bool IsLink)> Segments(string body)
    {
        var last = 0;
        foreach (Match match in LinkPattern().Matches(body))
        {
            if (match.Index > last)
                yield return (body[last..match.Index], false);
            yield return (match.Value, true);
            last = match.Index + match.Length;
        }
        if (last < body.Length)
            yield return (body[last..], false);
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex LinkPattern();
}
