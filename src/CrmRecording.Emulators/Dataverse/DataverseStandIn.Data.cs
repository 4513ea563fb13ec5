using System.Text.Json.Nodes;
using CrmRecording.Emulators.Dataverse.Metadata;
using CrmRecording.Emulators.Dataverse.Store;

namespace CrmRecording.Emulators.Dataverse;

/// <summary>Direct access to the store, for arranging and asserting without going through HTTP (no webhooks run).</summary>
public sealed partial class DataverseStandIn
{
    /// <summary>A copy of a row in Web API form (lookups as <c>_x_value</c>), or null.</summary>
    public JsonObject? GetRow(string entitySet, Guid id) => store.Find(Table(entitySet).LogicalName, id);

    /// <summary>Copies of a table's rows, in insertion order.</summary>
    public IReadOnlyList<JsonObject> GetRows(string entitySet) => store.List(Table(entitySet).LogicalName);

    /// <summary>Inserts or replaces a row; its key is the primary key column if present, otherwise a new id. Returns the key.</summary>
    public Guid PutRow(string entitySet, JsonObject row)
    {
        var table = Table(entitySet);
        var copy = row.DeepClone().AsObject();
        var id = RowColumns.GetGuid(copy, table.PrimaryId) ?? Guid.NewGuid();
        copy[table.PrimaryId] = id.ToString("D");
        store.Put(table.LogicalName, id, copy);
        return id;
    }

    /// <summary>Sets a lookup column on a row as an <c>@odata.bind</c> would (<c>_x_value</c> plus its annotations).</summary>
    public static void SetLookup(JsonObject row, string attribute, string targetEntitySet, Guid targetId, string? navigationProperty = null)
    {
        var target = Table(targetEntitySet);
        RowColumns.SetLookup(row, attribute, targetId, target.LogicalName, navigationProperty ?? attribute);
    }

    /// <summary>Links two rows through a many-to-many relationship (<c>systemuserroles_association</c>, <c>teammembership_association</c>, <c>teamroles_association</c>).</summary>
    public void Associate(string entitySet, Guid id, string relationship, Guid otherId)
    {
        var table = Table(entitySet);
        var definition = TableCatalog.FindManyToMany(table.LogicalName, relationship)
            ?? throw new ArgumentException($"'{entitySet}' has no many-to-many relationship '{relationship}'.", nameof(relationship));
        store.Associate(definition, table.LogicalName, id, otherId);
    }

    /// <summary>Tells the webhook serializer how to type a column the JSON value alone leaves ambiguous (a choice, money, a date).</summary>
    public void DeclareColumn(string table, string column, ColumnKind kind) => columnKinds.Declare(table, column, kind);

    private static TableDefinition Table(string entitySet) =>
        TableCatalog.FindBySet(entitySet) ?? throw new ArgumentException($"The stand-in has no entity set '{entitySet}'.", nameof(entitySet));
}
