using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Corner.Web.Features.Accounts;

/// <summary>A space as the deletion page describes it: its name, and whether someone else is still in it.</summary>
public sealed record SpaceToClose(Guid Id, string Name, bool OtherStays);

/// <summary>
/// Deletes an account for good (issue 14, item 4), after the person proved again who they are. Everything they wrote
/// is deleted, row by row as <see cref="DataInventory"/> says; then the keys it was sealed with are destroyed, so no
/// copy of those rows (a backup, a dump) can be read again: their own key, and for every space they were in, the
/// space's key is rotated (the other person's words are sealed again under a new one, the old ones destroyed), or
/// destroyed when nobody else's words are there. The other person's words stay theirs; each space closes for them.
/// It all happens in the request's one transaction: it completes, or nothing changes. See docs/deleting-an-account.md.
/// </summary>
public sealed class AccountDeletion(
    CornerDbContext db,
    UserManager<Person> users,
    SignInManager<Person> signInManager,
    BondQueries bonds,
    FieldEncryption encryption,
    AuditLog audit,
    TimeProvider clock,
    ILogger<AccountDeletion> log)
{
    /// <summary>The spaces the person is in or has left, for the page that says what will happen.</summary>
    public async Task<IReadOnlyList<SpaceToClose>> SpacesAsync(Guid personId, CancellationToken ct = default) =>
        [.. (await bonds.ListAllForPersonAsync(personId, ct))
            .Select(s => new SpaceToClose(s.Space.Id, s.Space.Name, s.LeftAt is null && s.Space.OtherName is not null && !s.Space.OtherLeft))];

    /// <summary>
    /// Checks the password (and the second factor when it is on) and that the person said they understand, then deletes
    /// the account. Field errors (nothing deleted) or none (deleted; this browser is signed out).
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> DeleteAsync(Person person, string? password, string? code, bool understood,
        CancellationToken ct = default)
    {
        if (!understood)
            return [new FieldError("Understood", "Delete_UnderstoodMissing")];
        if (await ProveAsync(person, password, code) is { Count: > 0 } wrong)
        {
            await db.SaveChangesAsync(ct);
            return wrong;
        }

        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Deleting an account needs the request's transaction.");
        await transaction.CreateSavepointAsync("account_deletion", ct);
        try
        {
            await EraseAsync(person.Id, ct);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or InvalidOperationException
                                      || e is PostgresException { SqlState: not PostgresErrorCodes.AdminShutdown })
        {
            // Something could not be read or changed: nothing of it stays, the account is as it was.
            log.LogError(e, "An account deletion failed and was rolled back");
            await transaction.RollbackToSavepointAsync("account_deletion", CancellationToken.None);
            db.ChangeTracker.Clear();
            return [new FieldError("", "Delete_Failed")];
        }
        await signInManager.SignOutAsync();
        return [];
    }

    private async Task<List<FieldError>> ProveAsync(Person person, string? password, string? code)
    {
        if (string.IsNullOrEmpty(password) || password.Length > AccountRules.PasswordMaxLength)
            return [new FieldError("Password", "Delete_PasswordWrong")];
        var check = await signInManager.CheckPasswordSignInAsync(person, password, lockoutOnFailure: true);
        if (check.IsLockedOut)
            return [new FieldError("Password", "Delete_LockedOut")];
        if (!check.Succeeded)
        {
            audit.Record(AuditKinds.SignInFailed, person.Id, detail: "account deletion");
            return [new FieldError("Password", "Delete_PasswordWrong")];
        }
        if (!await users.GetTwoFactorEnabledAsync(person))
            return [];

        var cleaned = AccountSignIn.CleanCode(code);
        if (cleaned.Length is > 0 and <= 10
            && await users.VerifyTwoFactorTokenAsync(person, TokenOptions.DefaultAuthenticatorProvider, cleaned))
            return [];
        // A recovery code keeps its dash (as on the sign-in page's recovery step).
        var recovery = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Trim();
        if (recovery.Length is > 0 and <= 32 && !AccountRules.HasUnsafeCharacters(recovery)
            && (await users.RedeemTwoFactorRecoveryCodeAsync(person, recovery)).Succeeded)
        {
            audit.Record(AuditKinds.RecoveryCodeUsed, person.Id);
            return [];
        }
        await users.AccessFailedAsync(person);
        return [new FieldError("Code", cleaned.Length == 0 ? "Delete_CodeMissing" : "Delete_CodeWrong")];
    }

    private async Task EraseAsync(Guid personId, CancellationToken ct)
    {
        // One deletion at a time per person: a second request waits, then finds nothing left to delete.
        await db.TakeTurnsAsync($"account-deletion:{personId}", ct);
        if (await db.Users.AnyAsync(p => p.Id == personId && p.DeletedAt != null, ct))
            return;
        var spaces = await db.BondMembers.Where(m => m.PersonId == personId).Select(m => m.BondId).ToListAsync(ct);
        var stillThere = await db.BondMembers
            .Where(m => spaces.Contains(m.BondId) && m.PersonId == personId && m.LeftAt == null)
            .Select(m => m.BondId).ToListAsync(ct);

        await using (await db.SystemScopeAsync(ct))
        {
            var now = clock.GetUtcNow();
            foreach (var entry in DataInventory.Entries.Where(e => e.Erase is not null))
                await db.Database.ExecuteSqlRawAsync(entry.Erase!,
                    [new NpgsqlParameter("person", personId), new NpgsqlParameter("now", now)], ct);

            var spaceColumns = DataInventory.Sealed.Where(c => c.Owner == SealedBy.Space).ToList();
            foreach (var bondId in spaces)
            {
                // Someone else's words still in the space are sealed again under a new key; the keys that sealed the
                // deleted rows go. A space nobody else ever joined has nothing worth keeping: its key goes.
                var others = await db.BondMembers.AnyAsync(m => m.BondId == bondId && m.PersonId != personId, ct);
                if (others)
                    await encryption.RotateAsync(bondId, spaceColumns, ct);
                else
                    await encryption.ShredAsync(bondId, ct);
            }
            await encryption.ShredAsync(personId, ct);
            audit.Record(AuditKinds.AccountDeleted, personId);
            foreach (var bondId in stillThere)
                audit.Record(AuditKinds.BondLeft, personId, bondId);
            // Like leaving, nobody is told: no email, no push, no live event. The other person finds the space closed
            // when they next open it.
            await db.SaveChangesAsync(ct);
        }
        await db.ActAsNobodyAsync(ct);
    }
}
