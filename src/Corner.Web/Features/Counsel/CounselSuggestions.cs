using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Corner.Web.Features.Counsel;

/// <summary>A counsellor's suggestion for the coming week (0035_counsellor_suggestions.sql).</summary>
public sealed class CounsellorSuggestion
{
    public Guid Id { get; set; }
    public Guid GrantId { get; set; }
    public Guid BondId { get; set; }
    public Guid CounsellorId { get; set; }

    /// <summary>One of <see cref="CounselPractices.All"/>.</summary>
    public string Practice { get; set; } = "";

    /// <summary>The counsellor's short note, sealed under the space's key.</summary>
    public byte[]? NoteCipher { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The members who said they tried it.</summary>
    public Guid[] TriedBy { get; set; } = [];
    public DateTimeOffset? ClosedAt { get; set; }
    public Guid? ClosedBy { get; set; }

    /// <summary>"done", "dismissed" (put away by a member) or "replaced" (the counsellor left a newer one).</summary>
    public string? ClosedAs { get; set; }
}

public sealed class CounsellorSuggestionConfiguration : IEntityTypeConfiguration<CounsellorSuggestion>
{
    public void Configure(EntityTypeBuilder<CounsellorSuggestion> e)
    {
        e.ToTable("counsellor_suggestions");
        e.Property(s => s.Id).ValueGeneratedNever();
        e.HasOne<CounsellorGrant>().WithMany().HasForeignKey(s => s.GrantId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Person>().WithMany().HasForeignKey(s => s.CounsellorId).OnDelete(DeleteBehavior.NoAction);
        e.HasIndex(s => new { s.BondId, s.CreatedAt });
        e.HasIndex(s => new { s.GrantId, s.CreatedAt });
    }
}

/// <summary>The practices a counsellor can suggest, each with the page of the space where it is done.</summary>
public static class CounselPractices
{
    public static readonly IReadOnlyList<(string Id, string Path)> All =
    [
        ("cycle-half", "/cycle/my-half"),
        ("pause", "/pause"),
        ("plan", "/reconnect"),
        ("check-in", "/check-ins"),
        ("reflect", "/check-ins"),
        ("appreciate", "/appreciations/new"),
        ("moment", "/moments/new"),
        ("map", "/map"),
        ("quiz", "/quiz"),
    ];

    public static bool IsKnown(string? practice) => All.Any(p => p.Id == practice);

    /// <summary>Where in the space the practice is done ("/spaces/{id}/pause").</summary>
    public static string PathFor(Guid bondId, string practice) =>
        $"/spaces/{bondId}" + All.FirstOrDefault(p => p.Id == practice).Path;

    /// <summary>The resource key of a practice's name ("Practice_CycleHalf").</summary>
    public static string Key(string practice) => "Practice_" + string.Concat(practice.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}

public enum SuggestionProblem
{
    [NotFound]
    NotFound,
    UnknownPractice,
    NoteTooLong,
    ControlCharacters,

    /// <summary>Already done, put away or replaced.</summary>
    [Conflict]
    AlreadyClosed,
}

/// <summary>A suggestion as the members or its counsellor see it. The counsellor's side carries only counts.</summary>
public sealed record SuggestionView(Guid Id, string Practice, string? Note, DateTimeOffset CreatedAt, int TriedCount, bool TriedByMe,
    string? ClosedAs, DateTimeOffset? ClosedAt)
{
    public bool IsOpen => ClosedAs is null;
}

/// <summary>Leaving a suggestion (the counsellor), and trying, finishing or putting it away (the members).</summary>
public sealed class CounselSuggestions(CornerDbContext db, SpaceAccessor spaces, FieldEncryption encryption, AuditLog audit, TimeProvider clock)
{
    public const int NoteMaxLength = 280;
    public const string Done = "done";
    public const string Dismissed = "dismissed";
    public const string Replaced = "replaced";

    public static FieldAddress NoteField(Guid suggestionId) => new("counsellor_suggestions", "note", suggestionId);

    /// <summary>Leaves one suggestion for the coming week; an earlier open one of this grant is replaced.</summary>
    public async Task<(Guid? Id, SuggestionProblem? Problem)> SuggestAsync(Guid counsellorId, Guid grantId, string? practice, string? note,
        CancellationToken ct = default)
    {
        if (await spaces.ForCounsellorAsync(grantId, counsellorId, ct) is not { } access)
            return (null, SuggestionProblem.NotFound);
        if (!CounselPractices.IsKnown(practice))
            return (null, SuggestionProblem.UnknownPractice);
        var words = FreeText.Normalize(note);
        if (words is { Length: > NoteMaxLength })
            return (null, SuggestionProblem.NoteTooLong);
        if (words is not null && FreeText.HasControlCharacters(words))
            return (null, SuggestionProblem.ControlCharacters);

        var now = clock.GetUtcNow();
        await db.Set<CounsellorSuggestion>().Where(s => s.GrantId == grantId && s.ClosedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ClosedAt, now).SetProperty(x => x.ClosedAs, Replaced).SetProperty(x => x.ClosedBy, counsellorId), ct);
        var id = Guid.NewGuid();
        db.Add(new CounsellorSuggestion
        {
            Id = id,
            GrantId = grantId,
            BondId = access.BondId,
            CounsellorId = counsellorId,
            Practice = practice!,
            NoteCipher = words is null ? null : await encryption.EncryptAsync(access.BondId, NoteField(id), words, ct),
            CreatedAt = now,
        });
        audit.Record(AuditKinds.CounselSuggested, counsellorId, access.BondId);
        await db.SaveChangesAsync(ct);
        return (id, null);
    }

    /// <summary>The grant's latest suggestion, as its counsellor sees it: the practice, their own note, and counts.</summary>
    public async Task<SuggestionView?> LatestForCounsellorAsync(Guid grantId, CancellationToken ct = default)
    {
        var s = await db.Set<CounsellorSuggestion>().AsNoTracking()
            .Where(x => x.GrantId == grantId).OrderByDescending(x => x.CreatedAt).FirstOrDefaultAsync(ct);
        return s is null ? null : await ViewAsync(s, Guid.Empty, ct);
    }

    /// <summary>The space's suggestions from counsellors whose grant is active: the open ones, then the last few closed.</summary>
    public async Task<IReadOnlyList<SuggestionView>> ForMembersAsync(Guid personId, Guid bondId, CancellationToken ct = default)
    {
        var rows = await db.Set<CounsellorSuggestion>()
            .FromSql($"""
                select s.* from counsellor_suggestions s
                where s.bond_id = {bondId} and s.closed_as is distinct from 'replaced' and corner_grant_is_active(s.grant_id)
                order by s.closed_at is not null, s.created_at desc limit 5
                """).AsNoTracking().ToListAsync(ct);
        var list = new List<SuggestionView>(rows.Count);
        foreach (var row in rows)
            list.Add(await ViewAsync(row, personId, ct));
        return list;
    }

    /// <summary>This member tried it (the counsellor sees how many did).</summary>
    public Task<SuggestionProblem?> TriedAsync(Guid personId, Guid bondId, Guid suggestionId, CancellationToken ct = default) =>
        ChangeAsync(personId, bondId, suggestionId, s =>
        {
            if (!s.TriedBy.Contains(personId))
                s.TriedBy = [.. s.TriedBy, personId];
        }, AuditKinds.CounselSuggestionTried, ct);

    /// <summary>Closes it as done, or put away (<paramref name="how"/>); it leaves the space's home.</summary>
    public Task<SuggestionProblem?> CloseAsync(Guid personId, Guid bondId, Guid suggestionId, string how, CancellationToken ct = default) =>
        ChangeAsync(personId, bondId, suggestionId, s =>
        {
            s.ClosedAt = clock.GetUtcNow();
            s.ClosedBy = personId;
            s.ClosedAs = how == Done ? Done : Dismissed;
        }, AuditKinds.CounselSuggestionClosed, ct);

    private async Task<SuggestionProblem?> ChangeAsync(Guid personId, Guid bondId, Guid suggestionId, Action<CounsellorSuggestion> change,
        string auditKind, CancellationToken ct)
    {
        if (await spaces.ForWritingAsync(bondId, personId, ct) is null)
            return SuggestionProblem.NotFound;
        var suggestion = await db.Set<CounsellorSuggestion>().SingleOrDefaultAsync(s => s.Id == suggestionId && s.BondId == bondId, ct);
        if (suggestion is null)
            return SuggestionProblem.NotFound;
        if (suggestion.ClosedAt is not null)
            return SuggestionProblem.AlreadyClosed;
        change(suggestion);
        audit.Record(auditKind, personId, bondId);
        await db.SaveChangesAsync(ct);
        return null;
    }

    private async Task<SuggestionView> ViewAsync(CounsellorSuggestion s, Guid personId, CancellationToken ct) =>
        new(s.Id, s.Practice, s.NoteCipher is null ? null : await encryption.DecryptAsync(s.BondId, NoteField(s.Id), s.NoteCipher, ct),
            s.CreatedAt, s.TriedBy.Length, s.TriedBy.Contains(personId), s.ClosedAs, s.ClosedAt);
}
