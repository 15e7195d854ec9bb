using System.Text.Json;
using System.Text.Json.Serialization;

namespace Corner.Web.Infrastructure.Live;

/// <summary>The kinds of live event. Stable: they travel between nodes and to the browser.</summary>
public static class LiveKinds
{
    public const string CheckIn = "check_in";
    public const string Reflection = "reflection";
    public const string ReflectionAnswer = "reflection_answer";

    /// <summary>The recipient's access to the space ended (a counsellor's grant was revoked): each node tells the
    /// recipient's open streams, then ends them. The browser reconnects, and what it asks for next is refused.</summary>
    public const string AccessEnded = "access_ended";

    /// <summary>Sent by a node to its own streams after its listener (re)connects: something may have been missed.</summary>
    public const string Resync = "resync";

    /// <summary>A kind a feature may send: lower case words joined by "_" (each feature keeps its own constants).
    /// The browser turns "pause_started" into the announcement text in <c>data-text-pause-started</c>.</summary>
    public static bool IsKnown(string? kind) => kind is { Length: > 0 and <= 40 } && kind != Resync
        && kind.All(c => c is (>= 'a' and <= 'z') or '_') && kind[0] != '_' && kind[^1] != '_';
}

/// <summary>
/// "Something new for <see cref="Recipient"/> in <see cref="Bond"/>". Ids only, never anything a person
/// wrote: it travels through PostgreSQL NOTIFY, which is neither encrypted at rest nor row-secured, and
/// the browser fetches the thing itself through the ordinary, checked pages. <see cref="Id"/> is its row in
/// <c>live_events</c> (the stream's SSE id, for resuming with Last-Event-ID); 0 before it is stored.
/// </summary>
public sealed record LiveEvent(
    [property: JsonPropertyName("recipient")] Guid Recipient,
    [property: JsonPropertyName("bond")] Guid Bond,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("item")] Guid Item,
    [property: JsonPropertyName("id")] long Id = 0)
{
    public string ToPayload() => JsonSerializer.Serialize(this);

    /// <summary>The event from a NOTIFY payload, or null when the payload is not one of ours.</summary>
    public static LiveEvent? FromPayload(string payload)
    {
        try
        {
            var e = JsonSerializer.Deserialize<LiveEvent>(payload);
            return e is not null && e.Id >= 0 && e.Recipient != Guid.Empty && e.Bond != Guid.Empty && LiveKinds.IsKnown(e.Kind) ? e : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
