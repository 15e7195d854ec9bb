using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Corner.Web.Features.Push;

/// <summary>Turning push notifications on or off for the device in hand (wwwroot/js/push.js does the browser side).</summary>
public sealed class NotificationsModel(PushSubscriptions subscriptions, VapidKeys vapid) : PageModel
{
    public int Devices { get; private set; }
    public string PublicKey { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Devices = await subscriptions.CountAsync(User.PersonId(), ct);
        PublicKey = (await vapid.GetAsync(ct)).PublicKey;
    }

    public async Task<IActionResult> OnPostSubscribeAsync([FromBody] PushSubscriptionInput? input, CancellationToken ct) =>
        input is not null && await subscriptions.SaveAsync(User.PersonId(), input, ct) ? new NoContentResult() : BadRequest();

    public async Task<IActionResult> OnPostUnsubscribeAsync([FromBody] PushSubscriptionInput? input, CancellationToken ct)
    {
        await subscriptions.RemoveAsync(User.PersonId(), input?.Endpoint, ct);
        return new NoContentResult();
    }
}
