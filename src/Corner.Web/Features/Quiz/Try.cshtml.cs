using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Corner.Web.Features.Quiz;

/// <summary>
/// "Try it alone first" for signed-out visitors. The server only renders the statements: quiz.js keeps the
/// answers in this browser's localStorage, and nothing is posted until the person has an account and a space.
/// </summary>
[AllowAnonymous]
public sealed class TryModel(QuizBank bank) : PageModel
{
    public QuizBank Bank => bank;

    public void OnGet()
    {
    }
}
