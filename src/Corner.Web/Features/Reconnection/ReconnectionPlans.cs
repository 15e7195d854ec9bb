using Corner.Web.Data;
using Corner.Web.Features.CheckIns;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Corner.Web.Infrastructure.Live;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Corner.Web.Features.Reconnection;

/// <summary>The four parts of a reconnection plan, in the order they are shown.</summary>
public enum PlanPart
{
    Sign,
    PauseSteps,
    ComingBack,
    RepairPhrase,
}

/// <summary>What a person wrote for each part; empty parts are allowed, an empty plan is not.</summary>
public sealed record PlanInput(string? Sign, string? PauseSteps, string? ComingBack, string? RepairPhrase)
{
    public string? this[PlanPart part] => part switch
    {
        PlanPart.Sign => Sign,
        PlanPart.PauseSteps => PauseSteps,
        PlanPart.ComingBack => ComingBack,
        _ => RepairPhrase,
    };
}

public enum PlanProblem
{
    [NotFound]
    NotFound,
    Empty,
    TooLong,
    HasControlCharacters,
    /// <summary>The edit was based on a version that is no longer the latest.</summary>
    [Conflict]
    VersionChanged,
    /// <summary>The version being confirmed is no longer the latest.</summary>
    [Conflict]
    PlanChanged,
    [Conflict]
    NoPlan,
}

/// <summary>A problem, and the part it is about when it is about one.</summary>
public sealed record PlanIssue(PlanProblem Problem, PlanPart? Part = null);

public sealed record PlanChangeView(int Version, bool ByMe, string ByName, DateTimeOffset At, IReadOnlyList<PlanPart> Parts);

/// <summary>The plan as one member sees it: its words, who changed it last, who has confirmed this version, and its history.</summary>
public sealed record PlanView(
    int Version,
    string? Sign,
    string? PauseSteps,
    string? ComingBack,
    string? RepairPhrase,
    bool UpdatedByMe,
    string UpdatedByName,
    DateTimeOffset UpdatedAt,
    bool ConfirmedByMe,
    bool ConfirmedByOther,
    IReadOnlyList<PlanChangeView> History)
{
    public bool ConfirmedByBoth => ConfirmedByMe && ConfirmedByOther;

    public string? this[PlanPart part] => part switch
    {
        PlanPart.Sign => Sign,
        PlanPart.PauseSteps => PauseSteps,
        PlanPart.ComingBack => ComingBack,
        _ => RepairPhrase,
    };
}

public sealed record PlanSaveResult(PlanView? Plan, bool NewVersion, IReadOnlyList<PlanIssue> Problems)
{
    public bool Saved => Problems.Count == 0;
}

/// <summary>
/// The bond's shared reconnection plan: either member edits it, and each save is a new version with a line of
/// history (which parts, by whom, when). An edit carries the version it was based on; if the plan has moved on
/// since, nothing is overwritten and the caller gets the latest version back. Saving counts as the editor's own
/// confirmation (they have just read and written it); the other member is asked to confirm again.
/// </summary>
public sealed class ReconnectionPlans(CornerDbContext db, Bonds.SpaceAccessor spaces, FieldEncryption encryption, TimeProvider clock, LiveEvents live)
{
    public const int PartMaxLength = 1000;
    public const string PlanChangedKind = "plan_changed";
    public const string PlanConfirmedKind = "plan_confirmed";

    public static readonly IReadOnlyList<PlanPart> Parts = Enum.GetValues<PlanPart>();

    public static FieldAddress PartField(Guid bondId, PlanPart part) => new("reconnection_plans", SnakeCase.Of(part), bondId);

    public static IReadOnlyList<PlanIssue> Validate(PlanInput input)
    {
        var problems = new List<PlanIssue>();
        foreach (var part in Parts)
        {
            var text = FreeText.Normalize(input[part]);
            if (text is null)
                continue;
            if (text.Length > PartMaxLength)
                problems.Add(new PlanIssue(PlanProblem.TooLong, part));
            if (FreeText.HasControlCharacters(text))
                problems.Add(new PlanIssue(PlanProblem.HasControlCharacters, part));
        }
        if (Parts.All(p => FreeText.Normalize(input[p]) is null))
            problems.Add(new PlanIssue(PlanProblem.Empty));
        return problems;
    }

    /// <summary>The plan, or null when the space has none yet. Null too when <paramref name="personId"/> is not a
    /// current member: callers check membership first and answer 404.</summary>
    public async Task<PlanView?> FindAsync(Guid bondId, Guid personId, CancellationToken ct = default)
    {
        if (!await spaces.IsMemberAsync(bondId, personId, ct))
            return null;
        var plan = await db.Set<ReconnectionPlan>().AsNoTracking().FirstOrDefaultAsync(p => p.BondId == bondId, ct);
        if (plan is null)
            return null;
        var confirmations = await db.Set<ReconnectionPlanConfirmation>().AsNoTracking()
            .Where(c => c.BondId == bondId && c.Version == plan.Version)
            .Select(c => c.PersonId).ToListAsync(ct);
        var otherConfirmed = confirmations.Any(id => id != personId)
            && await db.BondMembers.AnyAsync(m => m.BondId == bondId && confirmations.Contains(m.PersonId) && m.PersonId != personId && m.LeftAt == null, ct);
        var history = await (
            from c in db.Set<ReconnectionPlanChange>().AsNoTracking()
            where c.BondId == bondId
            join p in db.Users on c.ChangedBy equals p.Id into people
            from p in people.DefaultIfEmpty()
            orderby c.Version descending
            select new { c.Version, c.ChangedBy, Name = p == null ? null : p.DisplayName, c.ChangedAt, c.ChangedParts }).ToListAsync(ct);
        return new PlanView(
            plan.Version,
            await DecryptAsync(bondId, PlanPart.Sign, plan.SignCipher, ct),
            await DecryptAsync(bondId, PlanPart.PauseSteps, plan.PauseStepsCipher, ct),
            await DecryptAsync(bondId, PlanPart.ComingBack, plan.ComingBackCipher, ct),
            await DecryptAsync(bondId, PlanPart.RepairPhrase, plan.RepairPhraseCipher, ct),
            plan.UpdatedBy == personId,
            history.FirstOrDefault(h => h.ChangedBy == plan.UpdatedBy)?.Name ?? "",
            plan.UpdatedAt,
            confirmations.Contains(personId),
            otherConfirmed,
            history.Select(h => new PlanChangeView(h.Version, h.ChangedBy == personId, h.Name ?? "", h.ChangedAt,
                h.ChangedParts.Select(ParsePart).OfType<PlanPart>().ToList())).ToList());
    }

    /// <summary>Saves a new version based on <paramref name="baseVersion"/> (0 when there was no plan yet).</summary>
    public async Task<PlanSaveResult> SaveAsync(Guid bondId, Guid personId, int baseVersion, PlanInput input, CancellationToken ct = default)
    {
        if (!await spaces.IsMemberAsync(bondId, personId, ct))
            return new PlanSaveResult(null, false, [new PlanIssue(PlanProblem.NotFound)]);
        var problems = Validate(input);
        if (problems.Count > 0)
            return new PlanSaveResult(null, false, problems);

        var text = Parts.ToDictionary(p => p, p => FreeText.Normalize(input[p]));
        var plan = await db.Set<ReconnectionPlan>().FirstOrDefaultAsync(p => p.BondId == bondId, ct);
        var current = plan is null ? null : await FindAsync(bondId, personId, ct);
        var changed = Parts.Where(p => !string.Equals(current?[p], text[p], StringComparison.Ordinal)).ToList();

        // The same words again (a double submit, or a save with no change) make no new version, whatever it was based on.
        if (current is not null && changed.Count == 0)
        {
            await ConfirmCurrentAsync(bondId, personId, current.Version, ct);
            return new PlanSaveResult(await FindAsync(bondId, personId, ct), false, []);
        }
        if ((plan?.Version ?? 0) != baseVersion)
            return new PlanSaveResult(current, false, [new PlanIssue(PlanProblem.VersionChanged)]);

        var now = clock.GetUtcNow();
        var created = plan is null;
        plan ??= new ReconnectionPlan { BondId = bondId, Version = 0, CreatedAt = now };
        plan.Version = baseVersion + 1;
        plan.UpdatedBy = personId;
        plan.UpdatedAt = now;
        plan.SignCipher = await EncryptAsync(bondId, PlanPart.Sign, text[PlanPart.Sign], ct);
        plan.PauseStepsCipher = await EncryptAsync(bondId, PlanPart.PauseSteps, text[PlanPart.PauseSteps], ct);
        plan.ComingBackCipher = await EncryptAsync(bondId, PlanPart.ComingBack, text[PlanPart.ComingBack], ct);
        plan.RepairPhraseCipher = await EncryptAsync(bondId, PlanPart.RepairPhrase, text[PlanPart.RepairPhrase], ct);
        if (created)
            db.Add(plan);
        var change = new ReconnectionPlanChange
        {
            BondId = bondId,
            Version = plan.Version,
            ChangedBy = personId,
            ChangedAt = now,
            ChangedParts = changed.Select(p => SnakeCase.Of(p)).ToArray(),
        };
        db.Add(change);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException
            || e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Someone else saved first (EF saved inside a savepoint, so our transaction is still usable).
            db.Entry(change).State = EntityState.Detached;
            db.Entry(plan).State = EntityState.Detached;
            var first = await FindAsync(bondId, personId, ct);
            // A double submit racing itself: the first copy saved exactly these words.
            if (first is not null && Parts.All(p => string.Equals(first[p], text[p], StringComparison.Ordinal)))
                return new PlanSaveResult(first, false, []);
            return new PlanSaveResult(first, false, [new PlanIssue(PlanProblem.VersionChanged)]);
        }
        await ConfirmCurrentAsync(bondId, personId, plan.Version, ct);
        await live.ToOthersAsync(bondId, personId, PlanChangedKind, bondId, ct);
        return new PlanSaveResult(await FindAsync(bondId, personId, ct), true, []);
    }

    /// <summary>Confirms <paramref name="version"/>, which must still be the latest. Confirming again is harmless.</summary>
    public async Task<(PlanView? Plan, PlanProblem? Problem)> ConfirmAsync(Guid bondId, Guid personId, int version, CancellationToken ct = default)
    {
        if (!await spaces.IsMemberAsync(bondId, personId, ct))
            return (null, PlanProblem.NotFound);
        var current = await FindAsync(bondId, personId, ct);
        if (current is null)
            return (null, PlanProblem.NoPlan);
        if (current.Version != version)
            return (current, PlanProblem.PlanChanged);
        if (current.ConfirmedByMe)
            return (current, null);
        await ConfirmCurrentAsync(bondId, personId, version, ct);
        await live.ToOthersAsync(bondId, personId, PlanConfirmedKind, bondId, ct);
        return (await FindAsync(bondId, personId, ct), null);
    }

    private async Task ConfirmCurrentAsync(Guid bondId, Guid personId, int version, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // An upsert, so two confirmations racing (a double click) both succeed and leave one row.
        await db.Database.ExecuteSqlAsync($"""
            insert into reconnection_plan_confirmations (bond_id, person_id, version, confirmed_at)
            values ({bondId}, {personId}, {version}, {now})
            on conflict (bond_id, person_id) do update set version = excluded.version, confirmed_at = excluded.confirmed_at
            where reconnection_plan_confirmations.version <> excluded.version
            """, ct);
    }


    private async Task<byte[]?> EncryptAsync(Guid bondId, PlanPart part, string? text, CancellationToken ct) =>
        text is null ? null : await encryption.EncryptAsync(bondId, PartField(bondId, part), text, ct);

    private async Task<string?> DecryptAsync(Guid bondId, PlanPart part, byte[]? cipher, CancellationToken ct) =>
        cipher is null ? null : await encryption.DecryptAsync(bondId, PartField(bondId, part), cipher, ct);

    private static PlanPart? ParsePart(string code) => Parts.Cast<PlanPart?>().FirstOrDefault(p => SnakeCase.Of(p!.Value) == code);
}
