using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Corner.IntegrationTests.Data;
using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Features.Shared;

/// <summary>What every "take back" test checks besides the pages: the audit trail and the stored live events.</summary>
public static class TakeBackTestKit
{
    public sealed record AuditRow(Guid? PersonId, string? Detail);

    public sealed record StoredLiveEvent(Guid RecipientId, string Kind, Guid ItemId, string Row);

    /// <summary>The id of what a POST created (asserting it answered 201).</summary>
    public static async Task<Guid> CreatedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>How many rows of <paramref name="table"/> the space has (as the owner: row-level security aside).</summary>
    public static Task<long> CountAsync(string table, Guid bondId) =>
        Sql.OwnerScalarAsync<long>($"select count(*) from {table} where bond_id = $1", bondId);

    /// <summary>The space's "entry.taken_back" audit events (system scope).</summary>
    public static Task<List<AuditRow>> TakenBackAuditAsync(this CornerAppFactory factory, Guid bondId) =>
        factory.InScopeAsync(null, sp => sp.GetRequiredService<CornerDbContext>().AuditEvents.AsNoTracking()
            .Where(a => a.BondId == bondId && a.Kind == AuditKinds.EntryTakenBack)
            .Select(a => new AuditRow(a.PersonId, a.Detail))
            .ToListAsync());

    /// <summary>The whole audit trail of the space as text, to look for words that must not be there.</summary>
    public static Task<string> AuditTextAsync(this CornerAppFactory factory, Guid bondId) =>
        factory.InScopeAsync(null, async sp => string.Join("\n", await sp.GetRequiredService<CornerDbContext>().Database
            .SqlQuery<string>($"select row_to_json(a)::text as \"Value\" from audit_events a where a.bond_id = {bondId}").ToListAsync()));

    /// <summary>The live events stored for the space, each with its whole row as JSON (to look for words).</summary>
    public static Task<List<StoredLiveEvent>> StoredLiveEventsAsync(this CornerAppFactory factory, Guid bondId) =>
        factory.InScopeAsync(null, sp => sp.GetRequiredService<CornerDbContext>().Database
            .SqlQuery<StoredLiveEvent>($"""
                select e.recipient_id as "RecipientId", e.kind as "Kind", e.item_id as "ItemId", row_to_json(e)::text as "Row"
                from live_events e where e.bond_id = {bondId} order by e.id
                """).ToListAsync());
}
