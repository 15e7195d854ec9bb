using System.Text;

namespace Corner.Web.Infrastructure;

/// <summary>
/// ASP.NET Core's form decoder refuses an encoded NUL (%00) outright, so the page never runs and what the
/// person typed is lost. Before the form is read, each %00 becomes %1A (SUB, the character meant to stand
/// in for an invalid one); the page's own validation then refuses it with a clear message and shows the
/// form again, filled in.
/// </summary>
public sealed class NullByteFormMiddleware(RequestDelegate next)
{
    private static readonly byte[] EncodedNul = "%00"u8.ToArray();

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && request.HasFormContentType
            && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            request.EnableBuffering();
            using var copy = new MemoryStream();
            await request.Body.CopyToAsync(copy, context.RequestAborted);
            var body = copy.ToArray();
            if (body.AsSpan().IndexOf(EncodedNul) >= 0)
            {
                // Latin-1 maps every byte to one char and back, so nothing else in the body changes.
                var replaced = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(body).Replace("%00", "%1A", StringComparison.Ordinal));
                request.Body = new MemoryStream(replaced);
                request.ContentLength = replaced.Length;
            }
            else
                request.Body.Position = 0;
        }
        await next(context);
    }
}
