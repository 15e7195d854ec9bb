using Corner.Web.Data;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.Bonds;

/// <summary>How a person stands to a space. A counsellor's relation, read-only and through one grant, is
/// <see cref="CounsellorAccess"/>.</summary>
public enum SpaceRelation
{
    /// <summary>In the space now: reads it and adds to it.</summary>
    Member,

    /// <summary>Was in the space and left. The database lets them read what was shared (for their export) and
    /// never write; the pages and the API show them nothing (leaving is at once, see docs/architecture.md).</summary>
    FormerMember,
}

/// <summary>
/// Who is asking about a space, and in which relation: resolved once per request for every route with a
/// <c>{bondId}</c> (<see cref="SpaceAccessPageFilter"/>, <see cref="SpaceAccessEndpointFilter"/>) before any feature
/// code runs. Handlers ask <see cref="SpaceAccessor"/> for it instead of querying membership again.
/// </summary>
/// <param name="OtherMemberId">The other current member, for notifying them; never shown (see <see cref="BondSummary"/>).</param>
/// <param name="CreatedBy">Who started the space (for "started this space" and who may invite).</param>
public sealed record SpaceAccess(Guid BondId, Guid PersonId, SpaceRelation Relation, BondSummary Space, Guid? OtherMemberId, Guid CreatedBy)
{
    public bool CanRead => Relation == SpaceRelation.Member;

    public bool CanWrite => Relation == SpaceRelation.Member;

    /// <summary>Whether a request with this HTTP method may go on: reads need <see cref="CanRead"/>, anything
    /// else <see cref="CanWrite"/>. What may not go on answers 404, as if the space did not exist.</summary>
    public bool Allows(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? CanRead : CanWrite;
}

/// <summary>
/// A counsellor's relation to a space, through one active grant (Features/Counsel): read only, only the parts in
/// <see cref="Scopes"/>, only the days from <see cref="VisibleFrom"/> to <see cref="VisibleUntil"/>. The counsellor
/// never reaches the members' routes (<c>CounsellorBoundary</c>); the database rule (corner_can) lets them read those
/// parts and write nothing.
/// </summary>
public sealed record CounsellorAccess(Guid GrantId, Guid BondId, Guid CounsellorId, IReadOnlyList<string> Scopes,
    DateOnly VisibleFrom, DateOnly? VisibleUntil, DateTimeOffset ExpiresAt, byte[] ShownAsCipher, byte[]? PurposeCipher)
{
    public bool Covers(string scope) => Scopes.Contains(scope);
}

/// <summary>
/// The one place that knows a person's relation to a space. Within a request (or a job's scope) each space is
/// read once: the filters resolve it first, and every handler that asks afterwards gets the same answer without a
/// query. Row-level security is the second wall behind it.
/// </summary>
public sealed class SpaceAccessor(BondQueries bonds, CornerDbContext db, TimeProvider clock)
{
    private readonly Dictionary<(Guid BondId, Guid PersonId), SpaceAccess> known = [];

    private sealed record GrantRow(Guid Id, Guid BondId, string[] Scopes, DateOnly VisibleFrom, DateOnly? VisibleUntil,
        DateTimeOffset ExpiresAt, byte[] ShownAsCipher, byte[]? PurposeCipher);

    /// <summary>
    /// The counsellor's view of a space under <paramref name="grantId"/>, or null (answer 404) unless, right now, the
    /// grant is theirs, taken, not revoked or expired, both current members consented to its current version, and
    /// the counsellor signs in with two steps. Asked on every request, so a revocation counts from the next one.
    /// </summary>
    public async Task<CounsellorAccess?> ForCounsellorAsync(Guid grantId, Guid personId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var row = await db.Database.SqlQuery<GrantRow>($"""
            select g.id as "Id", g.bond_id as "BondId", g.scopes as "Scopes", g.visible_from as "VisibleFrom",
                   g.visible_until as "VisibleUntil", g.expires_at as "ExpiresAt", g.shown_as_cipher as "ShownAsCipher",
                   g.purpose_cipher as "PurposeCipher"
            from counsellor_grants g
            join people p on p.id = g.counsellor_id
            where g.id = {grantId} and g.counsellor_id = {personId} and p.kind = 'counsellor' and p.two_factor_enabled
              and g.revoked_at is null and g.expires_at > {now} and corner_grant_is_active(g.id)
            """).SingleOrDefaultAsync(ct);
        return row is null ? null : new CounsellorAccess(row.Id, row.BondId, personId, row.Scopes, row.VisibleFrom,
            row.VisibleUntil, row.ExpiresAt, row.ShownAsCipher, row.PurposeCipher);
    }

    /// <summary>The person's relation to the space, or null when they have none (answer 404).</summary>
    public async Task<SpaceAccess?> FindAsync(Guid bondId, Guid personId, CancellationToken ct = default)
    {
        if (known.TryGetValue((bondId, personId), out var access))
            return access;
        if (await bonds.FindMembershipAsync(bondId, personId, ct) is not var (space, leftAt, other, createdBy))
            return null;
        access = new SpaceAccess(bondId, personId, leftAt is null ? SpaceRelation.Member : SpaceRelation.FormerMember, space, other, createdBy);
        known[(bondId, personId)] = access;
        return access;
    }

    /// <summary>The space when the person may add to it now (a current member), else null (answer 404).</summary>
    public async Task<SpaceAccess?> ForWritingAsync(Guid bondId, Guid personId, CancellationToken ct = default) =>
        await FindAsync(bondId, personId, ct) is { CanWrite: true } access ? access : null;

    /// <summary>The space as a current member sees it, else null (answer 404).</summary>
    public async Task<BondSummary?> FindForMemberAsync(Guid bondId, Guid personId, CancellationToken ct = default) =>
        (await ForWritingAsync(bondId, personId, ct))?.Space;

    /// <summary>Whether the person is a current member. Also answers for the other member of a space already
    /// resolved in this scope (a notification to them), without a query.</summary>
    public async Task<bool> IsMemberAsync(Guid bondId, Guid personId, CancellationToken ct = default) =>
        known.Values.Any(a => a.BondId == bondId && a.CanWrite && a.OtherMemberId == personId)
        || await ForWritingAsync(bondId, personId, ct) is not null;

    /// <summary>Everything the space's home page shows, for a current member, else null (answer 404).</summary>
    public async Task<SpaceDetails?> FindDetailsForMemberAsync(Guid bondId, Guid personId, CancellationToken ct = default) =>
        await ForWritingAsync(bondId, personId, ct) is { } access
            ? await bonds.DetailsAsync(access.Space, personId, access.CreatedBy, ct)
            : null;

    /// <summary>Whether the person is a current member, and the other current member if there is one.</summary>
    public async Task<(bool IsMember, Guid? Other)> MembersAsync(Guid bondId, Guid personId, CancellationToken ct = default) =>
        await ForWritingAsync(bondId, personId, ct) is { } access ? (true, access.OtherMemberId) : (false, null);

    /// <summary>The names of a space's members (current and former) by id, for a space the caller has already found the
    /// person in; read once per request, with the space home's member list.</summary>
    public async Task<Dictionary<Guid, string>> MemberNamesAsync(Guid bondId, CancellationToken ct = default) =>
        (await bonds.MembersAsync(bondId, ct)).ToDictionary(m => m.PersonId, m => m.DisplayName);

    /// <summary>Call after a membership changed in this scope (a person left, joined, or a space was created).</summary>
    public void Forget(Guid bondId)
    {
        known.Keys.Where(k => k.BondId == bondId).ToList().ForEach(k => known.Remove(k));
        bonds.Forget();
    }

    internal static Guid? BondIdOf(RouteValueDictionary values) =>
        values.TryGetValue("bondId", out var raw) && Guid.TryParse(raw?.ToString(), out var id) ? id : null;

    /// <summary>Resolves the request's space, or says it must answer 404. Null: the route names no space.</summary>
    internal async Task<bool?> ResolveAsync(HttpContext http)
    {
        if (BondIdOf(http.Request.RouteValues) is not { } bondId)
            return null;
        if (http.User.PersonIdOrNull() is not { } personId)
            return false;
        var access = await FindAsync(bondId, personId, http.RequestAborted);
        return access is not null && access.Allows(http.Request.Method);
    }
}

/// <summary>Resolves the space for every Razor page with a {bondId}: a space the person may not see answers 404
/// before the page model runs.</summary>
public sealed class SpaceAccessPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (await http.RequestServices.GetRequiredService<SpaceAccessor>().ResolveAsync(http) is false)
        {
            context.Result = new NotFoundResult();
            return;
        }
        await next();
    }
}

/// <summary>The same for every API endpoint with a {bondId}.</summary>
public sealed class SpaceAccessEndpointFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        return await http.RequestServices.GetRequiredService<SpaceAccessor>().ResolveAsync(http) is false
            ? TypedResults.NotFound()
            : await next(context);
    }
}
