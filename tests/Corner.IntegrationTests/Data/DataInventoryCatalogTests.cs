using Corner.IntegrationTests.Security;
using Corner.IntegrationTests.Support;
using Corner.Web.Data;

namespace Corner.IntegrationTests.Data;

/// <summary>
/// Nothing escapes the inventory (issue 14): every table with a person's or a space's column is listed in
/// <see cref="DataInventory"/> with how it is exported and erased, and every listed table exists. Read from
/// PostgreSQL's catalog, so a new table that forgets export and deletion fails here.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DataInventoryCatalogTests(CornerAppFactory factory)
{
    // Starting the app applies the migrations; these tests look at the database directly.
    private readonly IServiceProvider _migrated = factory.Services;

    [Fact]
    public async Task EveryTableWithAPersonOrASpace_IsInTheInventory()
    {
        var tables = await Sql.OwnerListAsync<string>("""
            select distinct c.relname
            from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
            where n.nspname = 'public' and c.relkind in ('r', 'p')
              and (c.relname in ('people', 'bonds')
                   or a.attname in ('person_id', 'bond_id', 'author_id', 'user_id', 'owner_id', 'recipient_id')
                   or a.attname like '%\_by' or a.attname like '%\_person\_id')
            order by 1
            """);
        Assert.NotEmpty(tables);

        var listed = DataInventory.Entries.Select(e => e.Table).ToHashSet(StringComparer.Ordinal);
        var missing = tables.Where(t => !listed.Contains(t)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public async Task EveryTableInTheInventory_Exists_AndSaysHowItIsExportedAndErased()
    {
        var existing = (await Sql.OwnerListAsync<string>("""
            select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind in ('r', 'p')
            """)).ToHashSet(StringComparer.Ordinal);

        var gone = DataInventory.Entries.Where(e => !existing.Contains(e.Table)).Select(e => e.Table).ToList();
        Assert.Empty(gone);
        var unsaid = DataInventory.Entries.Where(e => string.IsNullOrWhiteSpace(e.Holds) || string.IsNullOrWhiteSpace(e.Export)
            || string.IsNullOrWhiteSpace(e.Erasure)).Select(e => e.Table).ToList();
        Assert.Empty(unsaid);
        Assert.Equal(DataInventory.Entries.Count, DataInventory.Entries.Select(e => e.Table).Distinct().Count());
    }

    /// <summary>Account deletion runs each table's <see cref="DataInventoryEntry.Erase"/>; a table without one must say
    /// why it keeps its rows (the keys are the deletion's own work).</summary>
    [Fact]
    public void EveryTableInTheInventory_IsErasedOrSaysWhyItKeepsItsRows()
    {
        var silent = DataInventory.Entries
            .Where(e => e.Erase is null && e.Table != "data_keys" && !e.Erasure.StartsWith("kept", StringComparison.Ordinal))
            .Select(e => e.Table).ToList();
        Assert.Empty(silent);
    }

    /// <summary>Every column of sealed words is in <see cref="DataInventory.Sealed"/>, so rotating a space's key when a
    /// member deletes their account re-seals it; a bytea column that holds no words says so in
    /// <see cref="DataInventory.NotWords"/>.</summary>
    [Fact]
    public async Task EveryByteaColumn_IsSealedWordsInTheRegistry_OrSaysWhyNot()
    {
        var columns = await Sql.OwnerListAsync<string>("""
            select c.relname || '.' || a.attname
            from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
            where n.nspname = 'public' and c.relkind in ('r', 'p') and a.atttypid = 'bytea'::regtype
            order by 1
            """);
        Assert.Contains("moments.situation_cipher", columns);

        var known = DataInventory.Sealed.Select(c => c.Table + "." + c.Column)
            .Concat(DataInventory.NotWords.Select(c => c.Table + "." + c.Column)).ToList();
        Assert.Empty(columns.Except(known));
        Assert.Empty(known.Except(columns));
        Assert.Equal(known.Count, known.Distinct().Count());
    }
}
