using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Push;

/// <summary>
/// Push subscriptions over HTTP, on the same handler as /account/notifications (PushSubscriptions): a client
/// hands over what its browser's PushSubscription gives, and takes it back. Nothing here returns anyone's ids.
/// </summary>
public static class PushApi
{
    /// <summary>The device's key as a browser's <c>PushSubscription.toJSON()</c> nests it.</summary>
    public sealed record KeysRequest(string? P256dh, string? Auth);

    /// <summary>Either flat (<c>p256dh</c>, <c>auth</c>, as the account page sends) or <c>toJSON()</c>'s <c>keys</c>.</summary>
    public sealed record SubscriptionRequest(string? Endpoint, string? P256dh, string? Auth, KeysRequest? Keys)
    {
        public PushSubscriptionInput ToInput() => new(Endpoint, P256dh ?? Keys?.P256dh, Auth ?? Keys?.Auth);
    }

    public sealed record EndpointRequest(string? Endpoint);

    public static RouteGroupBuilder MapPushApi(this RouteGroupBuilder api)
    {
        var push = api.MapGroup("/push/subscriptions").WithTags("Notifications");

        push.MapPost("", async Task<Results<NoContent, ProblemHttpResult>> (
                SubscriptionRequest? request, HttpContext http, PushSubscriptions subscriptions, IStringLocalizer<PushText> text, CancellationToken ct) =>
                request is not null && await subscriptions.SaveAsync(http.User.PersonId(), request.ToInput(), ct)
                    ? TypedResults.NoContent()
                    : TypedResults.Problem(title: text["Api_NotASubscription"], statusCode: StatusCodes.Status400BadRequest,
                        extensions: new Dictionary<string, object?> { ["code"] = "invalid_subscription" }))
            .WithName("CreatePushSubscription")
            .WithSummary("Turns push on for one device: its push service endpoint and keys. The same endpoint again replaces the old one.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        push.MapDelete("", async Task<Results<NoContent, NotFound>> (
                [FromBody] EndpointRequest? request, HttpContext http, PushSubscriptions subscriptions, CancellationToken ct) =>
                await subscriptions.RemoveAsync(http.User.PersonId(), request?.Endpoint, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("DeletePushSubscription")
            .WithSummary("Turns push off for one device, by its endpoint; 404 when that endpoint is not one of yours.");

        return api;
    }
}
