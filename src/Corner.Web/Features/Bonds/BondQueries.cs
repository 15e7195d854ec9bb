using Corner.Web.Data;
using Corner.Web.Features.Shared;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Bonds;

/// <summary>A space as one member sees it. Never exposes the other member's id.</summary>
public sealed record BondSummary(Guid Id, string Name, BondKind Kind, DateTimeOffset CreatedAt, string? OtherName, bool OtherLeft)
{
    /// <summary>"With Sam · partners", "Waiting for the other person to join", "Sam left this space", or, when the
    /// other person deleted their account (their name went with it), "This space is closed".</summary>
    public string Describe(IStringLocalizer text) =>
        OtherName is null ? text["Bond_WaitingForOther"]
        : OtherLeft && OtherName.Length == 0 ? text["Bond_Closed"]
        : OtherLeft ? text["Bond_OtherLeft", OtherName]
        : text["Bond_With", OtherName, text[$"BondKind_{Kind}"]];
}

/// <summary>Reads spaces, always scoped to the asking person in the query itself.</summary>
public sealed class BondQueries(CornerDbContext db, FieldEncryption encryption, PersonalDay day, TimeProvider clock)
{
    public static FieldAddress NameField(Guid bondId) => new("bonds", "name", bondId);

    public async Task<IReadOnlyList<BondSummary>> ListForPersonAsync(Guid personId, CancellationToken ct = default) =>
        [.. (await AllAsync(personId, ct)).Where(r => r.LeftAt is null).Select(r => r.Summary)];

    /// <summary>Every space the person is in or has left, with when they left (for their export).</summary>
    public async Task<IReadOnlyList<(BondSummary Space, DateTimeOffset? LeftAt)>> ListAllForPersonAsync(Guid personId, CancellationToken ct = default) =>
        [.. (await AllAsync(personId, ct)).Select(r => (r.Summary, r.LeftAt))];

    /// <summary>The space if <paramref name="personId"/> is a current member; otherwise null (answer 404).</summary>
    public async Task<BondSummary?> FindForMemberAsync(Guid bondId, Guid personId, CancellationToken ct = default) =>
        (await AllAsync(personId, ct)).FirstOrDefault(r => r.Summary.Id == bondId && r.LeftAt is null).Summary;

    /// <summary>The space and the person's membership of it, current or ended; null when they were never in it.
    /// One query: <see cref="SpaceAccessor"/> calls it once per request.</summary>
    public async Task<(BondSummary Space, DateTimeOffset? LeftAt, Guid? OtherMemberId, Guid CreatedBy)?> FindMembershipAsync(Guid bondId, Guid personId,
        CancellationToken ct = default) =>
        (await AllAsync(personId, ct)).FirstOrDefault(r => r.Summary.Id == bondId) is { Summary: not null } row
            ? (row.Summary, row.LeftAt, row.OtherMemberId, row.CreatedBy)
            : null;

    // The person's spaces are read once per request (or job) and kept for it: the space a route names, the
    // navigation's list and a page's own questions all come from one query. Kept per who is acting, since row-level
    // security answers by it; any save through this scope's context, or failed save, forgets them (a space made, joined or left).
    private readonly Dictionary<(Guid Person, Guid? Acting, bool System), List<(BondSummary Summary, Guid CreatedBy, DateTimeOffset? LeftAt, Guid? OtherMemberId)>> read = [];
    private bool listening;

    private async Task<List<(BondSummary Summary, Guid CreatedBy, DateTimeOffset? LeftAt, Guid? OtherMemberId)>> AllAsync(Guid personId, CancellationToken ct)
    {
        Listen();
        var key = (personId, db.Scope.PersonId, db.Scope.IsSystem);
        if (!read.TryGetValue(key, out var rows))
            read[key] = rows = await ReadAsync(personId, ct);
        return rows;
    }

    private void Listen()
    {
        if (listening)
            return;
        db.ForgetOnSave(Forget);
        listening = true;
    }

    /// <summary>Forgets the spaces and members read in this scope, after a change made without saving through EF.</summary>
    public void Forget()
    {
        read.Clear();
        members.Clear();
    }

    // Starts from the person's own memberships (ix_bond_members_person_id) and finds each space's other
    // member through the primary key (bond_id, person_id), so the cost follows the person's spaces, not the
    // size of bond_members. (EF's translation of the nested FirstOrDefault numbered every row of
    // bond_members with ROW_NUMBER() and got slower as Corner grew.)
    private async Task<List<(BondSummary Summary, Guid CreatedBy, DateTimeOffset? LeftAt, Guid? OtherMemberId)>> ReadAsync(Guid personId,
        CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<SpaceRow>($"""
            select b.id as "Id", b.kind as "Kind", b.name_cipher as "NameCipher", b.created_at as "CreatedAt", b.created_by as "CreatedBy",
                   other.display_name as "OtherName", other.left_at as "OtherLeftAt", m.left_at as "LeftAt",
                   case when other.left_at is null then other.person_id end as "OtherMemberId",
                   (select me.time_zone from people me where me.id = m.person_id) as "TimeZone"
            from bond_members m
            join bonds b on b.id = m.bond_id
            left join lateral (
                select o.person_id, p.display_name, o.left_at
                from bond_members o
                left join people p on p.id = o.person_id
                where o.bond_id = m.bond_id and o.person_id <> m.person_id
                limit 1) other on true
            where m.person_id = {personId}
              -- A former member of a space whose key was destroyed (ClosedSpaceKeyShredding) has nothing left to read there.
              and (m.left_at is null or exists (select 1 from data_keys k where k.owner_id = b.id))
            order by b.created_at
            """).ToListAsync(ct);

        // The person's time zone comes along, so a page that also needs their day does not read it again.
        if (rows.Count > 0)
            day.Remember(personId, rows[0].TimeZone);
        var result = new List<(BondSummary, Guid, DateTimeOffset?, Guid?)>(rows.Count);
        foreach (var row in rows)
            result.Add((new BondSummary(row.Id, await encryption.DecryptAsync(row.Id, NameField(row.Id), row.NameCipher, ct),
                Enum.Parse<BondKind>(row.Kind), row.CreatedAt, row.OtherName, row.OtherLeftAt is not null), row.CreatedBy, row.LeftAt, row.OtherMemberId));
        return result;
    }

    private sealed record SpaceRow(Guid Id, string Kind, byte[] NameCipher, DateTimeOffset CreatedAt, Guid CreatedBy, string? OtherName, DateTimeOffset? OtherLeftAt,
        DateTimeOffset? LeftAt, Guid? OtherMemberId, string? TimeZone);

    /// <summary>Everything the space's home page shows, or null when <paramref name="personId"/> is not a current member.
    /// In a request, <see cref="SpaceAccessor.FindDetailsForMemberAsync"/> does the same without reading the space again.</summary>
    public async Task<SpaceDetails?> FindDetailsForMemberAsync(Guid bondId, Guid personId, CancellationToken ct = default) =>
        (await AllAsync(personId, ct)).FirstOrDefault(r => r.Summary.Id == bondId && r.LeftAt is null) is ({ } bond, var createdBy, _, _)
            ? await DetailsAsync(bond, personId, createdBy, ct)
            : null;

    /// <summary>The members, latest invitation and time zone around a space already read for <paramref name="personId"/>.</summary>
    public async Task<SpaceDetails> DetailsAsync(BondSummary bond, Guid personId, Guid createdBy, CancellationToken ct = default)
    {
        var bondId = bond.Id;
        var members = await MembersAsync(bondId, ct);
        // The invitation matters only while the space is open to one (its creator alone in it).
        var open = members.Count == 1 && members[0].LeftAt is null;
        var latest = open ? await db.Invitations.Where(i => i.BondId == bondId).OrderByDescending(i => i.CreatedAt).FirstOrDefaultAsync(ct) : null;
        var timeZone = await day.ZoneAsync(personId, ct);

        return new SpaceDetails(
            bond,
            members.Select(m => new SpaceMember(m.DisplayName, m.PersonId == personId, m.PersonId == createdBy, m.JoinedAt, m.LeftAt)).ToList(),
            latest is null ? null : InvitationView.From(latest, clock.GetUtcNow()),
            timeZone);
    }

    /// <summary>A space's members (current and former) with their names, in the order they joined; read once per
    /// request. Only for a space the caller has already found the person in (row-level security shows no other).</summary>
    public async Task<IReadOnlyList<(Guid PersonId, string DisplayName, DateTimeOffset JoinedAt, DateTimeOffset? LeftAt)>> MembersAsync(Guid bondId,
        CancellationToken ct = default)
    {
        Listen();
        if (members.TryGetValue(bondId, out var known))
            return known;
        var rows = await (
            from m in db.BondMembers
            where m.BondId == bondId
            join p in db.Users on m.PersonId equals p.Id
            orderby m.JoinedAt
            select new { m.PersonId, p.DisplayName, m.JoinedAt, m.LeftAt }).ToListAsync(ct);
        return members[bondId] = [.. rows.Select(r => (r.PersonId, r.DisplayName, r.JoinedAt, r.LeftAt))];
    }

    private readonly Dictionary<Guid, List<(Guid PersonId, string DisplayName, DateTimeOffset JoinedAt, DateTimeOffset? LeftAt)>> members = [];
}

/// <summary>A member as the other member sees them (no ids). A member who deleted their account has no name any more.</summary>
public sealed record SpaceMember(string DisplayName, bool IsYou, bool StartedTheSpace, DateTimeOffset JoinedAt, DateTimeOffset? LeftAt)
{
    public bool AccountDeleted => DisplayName.Length == 0;
}

/// <summary>A space with its members and latest invitation, for its home page.</summary>
public sealed record SpaceDetails(BondSummary Bond, IReadOnlyList<SpaceMember> Members, InvitationView? LatestInvitation, string TimeZone)
{
    public SpaceMember You => Members.Single(m => m.IsYou);
    public SpaceMember? Other => Members.FirstOrDefault(m => !m.IsYou);

    /// <summary>A space takes new members only while its creator is alone in it and has not left.</summary>
    public bool IsOpenToInvitations => Members.Count == 1 && Members[0].LeftAt is null;

    public InvitationView? OpenInvitation => LatestInvitation is { State: InvitationState.Open } open && IsOpenToInvitations ? open : null;
}
