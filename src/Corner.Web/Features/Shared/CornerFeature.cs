namespace Corner.Web.Features.Shared;

/// <summary>
/// What a feature tells Corner about itself, from its own folder: its services (handlers, queries, jobs, its cards on
/// the space home, its live texts, what it has waiting for a person) and its API. Program.cs finds every
/// implementation in the assembly, so adding a feature touches no shared file (docs/adding-a-feature.md).
/// </summary>
public interface ICornerFeature
{
    void AddServices(IServiceCollection services, IConfiguration configuration);

    /// <summary>Maps the feature's routes under /api/v1 (<paramref name="api"/> requires a signed-in caller, and a route
    /// with a {bondId} is answered 404 by SpaceAccess before it runs unless the caller may see that space).
    /// <paramref name="app"/> is for the rare route outside that group (signing in for a token).</summary>
    void MapApi(RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
    }
}

/// <summary>Where a card sits on the space home (Features/Bonds/Space.cshtml).</summary>
public enum SpaceHomePlace
{
    /// <summary>Above everything, while it is live (the pause).</summary>
    First,

    /// <summary>With "waiting for you": today's state of things, while both people are in the space.</summary>
    Now,

    /// <summary>The practices, as compact cards, while both people are in the space.</summary>
    Practices,

    /// <summary>Below the practices, also when one person is alone in the space.</summary>
    Later,
}

/// <summary>A feature's card on the space home: a view component whose <c>InvokeAsync</c> takes the page's
/// <c>SpaceDetails space</c>. <paramref name="Order"/> sorts the cards within a place.</summary>
public sealed record SpaceHomeCard(string ViewComponent, SpaceHomePlace Place, int Order);

/// <summary>
/// What a space-home card reads, queued before the page renders so that every card's SQL goes to PostgreSQL in one
/// round trip (<see cref="Data.QueryBatch"/>). Registered scoped with the card (<c>AddSpaceHomeCard&lt;TReads&gt;</c>):
/// the page queues every card's reads and runs the batch, then the card's view component takes the same instance
/// and builds its model from the rows (decrypting what it shows).
/// </summary>
public interface ISpaceHomeReads
{
    void Queue(Data.QueryBatch batch, Bonds.SpaceDetails space, Guid personId);
}

/// <summary>The text live.js announces when something of <paramref name="Kind"/> arrives ("Sam checked in"):
/// <paramref name="Resource"/>'s <paramref name="Key"/>, with {0} for the other person's name.</summary>
public sealed record LiveAnnouncement(string Kind, Type Resource, string Key);

public static class CornerFeatures
{
    /// <summary>Every feature in Corner, in a stable order.</summary>
    public static IReadOnlyList<ICornerFeature> All { get; } = [.. typeof(ICornerFeature).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICornerFeature).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (ICornerFeature)Activator.CreateInstance(t)!)];

    public static void AddCornerFeatures(this WebApplicationBuilder builder)
    {
        foreach (var feature in All)
            feature.AddServices(builder.Services, builder.Configuration);
    }

    public static void MapCornerFeatureApis(this RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        foreach (var feature in All)
            feature.MapApi(api, app);
    }

    public static IServiceCollection AddSpaceHomeCard(this IServiceCollection services, string viewComponent, SpaceHomePlace place, int order)
    {
        services.AddSingleton(new SpaceHomeCard(viewComponent, place, order));
        return services;
    }

    /// <summary>A card whose reads <typeparamref name="TReads"/> queues with every other card's (<see cref="ISpaceHomeReads"/>).</summary>
    public static IServiceCollection AddSpaceHomeCard<TReads>(this IServiceCollection services, string viewComponent, SpaceHomePlace place, int order)
        where TReads : class, ISpaceHomeReads
    {
        services.AddScoped<TReads>();
        services.AddScoped<ISpaceHomeReads>(sp => sp.GetRequiredService<TReads>());
        return services.AddSpaceHomeCard(viewComponent, place, order);
    }

    /// <summary>A live text for live.js (the layout renders them all).</summary>
    public static IServiceCollection AddLiveAnnouncement<TResource>(this IServiceCollection services, string kind, string key)
    {
        services.AddSingleton(new LiveAnnouncement(kind, typeof(TResource), key));
        return services;
    }
}
