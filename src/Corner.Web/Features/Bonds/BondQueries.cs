using Corner.Web.Data;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Bonds;

/// <summary>A space as one member sees it. Never exposes the other member's id.</summary>
public sealed record BondSummary(Guid Id, string Name, BondKind Kind, DateTimeOffset CreatedAt, string? OtherName, bool OtherLeft)
{
    /// <summary>"With Sam · partners", "Waiting for the other person to join", or "Sam left this space".</summary>
    public string Describe(IStringLocalizer text) =>
        OtherName is null ? text["Bond_WaitingForOther"]
        : OtherLeft ? text["Bond_OtherLeft", OtherName]
        : text["Bond_With", OtherName, text[$"BondKind_{Kind}"]];
}

/// <summary>Reads spaces, always scoped to the asking person in the query itself.</summary>
public sealed class BondQueries(CornerDbContext db, FieldEncryption encryption, TimeProvider clock)
{
    public static FieldAddress NameField(Guid bondId) => new("bonds", "name", bondId);

    public async Task<IReadOnlyList<BondSummary>> ListForPersonAsync(Guid personId, CancellationToken ct = default)
    {
        var rows = await (
            from m in db.BondMembers
            where m.PersonId == personId && m.LeftAt == null
            join b in db.Bonds on m.BondId equals b.Id
            orderby b.CreatedAt
            select new
            {
                b.Id,
                b.Kind,
                b.NameCipher,
                b.CreatedAt,
                Other = db.BondMembers
                    .Where(o => o.BondId == b.Id && o.PersonId != personId)
                    .Select(o => new { o.LeftAt, Name = db.Users.Where(u => u.Id == o.PersonId).Select(u => u.DisplayName).FirstOrDefault() })
                    .FirstOrDefault(),
            }).ToListAsync(ct);

        var result = new List<BondSummary>(rows.Count);
        foreach (var row in rows)
            result.Add(new BondSummary(row.Id, await encryption.DecryptAsync(row.Id, NameField(row.Id), row.NameCipher, ct),
                row.Kind, row.CreatedAt, row.Other?.Name, row.Other?.LeftAt is not null));
        return result;
    }

    /// <summary>The space if <paramref name="personId"/> is a current member; otherwise null (answer 404).</summary>
    public async Task<BondSummary?> FindForMemberAsync(Guid bondId, Guid personId, CancellationToken ct = default) =>
        (await ListForPersonAsync(personId, ct)).FirstOrDefault(b => b.Id == bondId);

    /// <summary>Everything the space's home page shows, or null when <paramref name="personId"/> is not a current member.</summary>
    public async Task<SpaceDetails?> FindDetailsForMemberAsync(Guid bondId, Guid personId, CancellationToken ct = default)
    {
        if (await FindForMemberAsync(bondId, personId, ct) is not { } bond)
            return null;

        var createdBy = await db.Bonds.Where(b => b.Id == bondId).Select(b => b.CreatedBy).SingleAsync(ct);
        var members = await (
            from m in db.BondMembers
            where m.BondId == bondId
            join p in db.Users on m.PersonId equals p.Id
            orderby m.JoinedAt
            select new { m.PersonId, p.DisplayName, m.JoinedAt, m.LeftAt }).ToListAsync(ct);
        var latest = await db.Invitations.Where(i => i.BondId == bondId)
            .OrderByDescending(i => i.CreatedAt).FirstOrDefaultAsync(ct);
        var timeZone = await db.Users.Where(u => u.Id == personId).Select(u => u.TimeZone).SingleAsync(ct);

        return new SpaceDetails(
            bond,
            members.Select(m => new SpaceMember(m.DisplayName, m.PersonId == personId, m.PersonId == createdBy, m.JoinedAt, m.LeftAt)).ToList(),
            latest is null ? null : InvitationView.From(latest, clock.GetUtcNow()),
            timeZone);
    }
}

/// <summary>A member as the other member sees them (no ids).</summary>
public sealed record SpaceMember(string DisplayName, bool IsYou, bool StartedTheSpace, DateTimeOffset JoinedAt, DateTimeOffset? LeftAt);

/// <summary>A space with its members and latest invitation, for its home page.</summary>
public sealed record SpaceDetails(BondSummary Bond, IReadOnlyList<SpaceMember> Members, InvitationView? LatestInvitation, string TimeZone)
{
    public SpaceMember You => Members.Single(m => m.IsYou);
    public SpaceMember? Other => Members.FirstOrDefault(m => !m.IsYou);

    /// <summary>A space takes new members only while its creator is alone in it and has not left.</summary>
    public bool IsOpenToInvitations => Members.Count == 1 && Members[0].LeftAt is null;

    public InvitationView? OpenInvitation => LatestInvitation is { State: InvitationState.Open } open && IsOpenToInvitations ? open : null;
}
