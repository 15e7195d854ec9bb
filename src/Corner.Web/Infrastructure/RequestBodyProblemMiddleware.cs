using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Corner.Web.Infrastructure;

/// <summary>
/// A request whose body cannot be read as sent (a JSON body declaring a charset nobody knows, say
/// <c>application/json; charset=klingon</c>) is answered 400 with a problem answer before any endpoint
/// runs; otherwise the JSON reader throws deep inside the endpoint and the caller gets a 500.
/// </summary>
public sealed class RequestBodyProblemMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (UnreadableCharset(context.Request) is { } charset)
        {
            await WriteProblemAsync(context, "unreadable_body",
                $"The request body declares the character set '{charset}', which Corner cannot read. Send UTF-8.");
            return;
        }
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException) when (!context.Response.HasStarted)
        {
            // A body that ended early or was too large: the caller's request, not a server fault.
            context.Response.Clear();
            await WriteProblemAsync(context, "unreadable_body", "The request body could not be read.");
        }
    }

    /// <summary>The declared charset of a JSON body when .NET has no encoding by that name, else null.</summary>
    internal static string? UnreadableCharset(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || type.Charset.Length == 0)
            return null;
        var charset = type.Charset.Value!.Trim('"');
        try
        {
            _ = Encoding.GetEncoding(charset);
            return null;
        }
        catch (ArgumentException)
        {
            return charset.Length > 40 ? charset[..40] : charset;
        }
    }

    private static async Task WriteProblemAsync(HttpContext context, string code, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body could not be read.",
                Detail = detail,
                Extensions = { ["code"] = code },
            },
        });
    }
}
