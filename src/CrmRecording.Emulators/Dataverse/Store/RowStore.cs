using System.Text.Json.Nodes;
using CrmRecording.Emulators.Dataverse.Metadata;

namespace CrmRecording.Emulators.Dataverse.Store;

/// <summary>
/// The stand-in's rows, kept in memory as Web API JSON objects keyed by table and primary key. Every read
/// hands out a copy, so callers never observe or cause a half-applied write. Rows keep insertion order,
/// which is the order collections are returned in (Dataverse without <c>$orderby</c> has no promised order).
/// </summary>
internal sealed class RowStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, TableRows> tables = new(StringComparer.Ordinal);
    private readonly HashSet<Association> associations = [];
    private long version = 1_000;

    public JsonObject? Find(string table, Guid id)
    {
        lock (gate)
        {
            return Rows(table).Find(id)?.DeepClone().AsObject();
        }
    }

    public bool Exists(string table, Guid id)
    {
        lock (gate)
        {
            return Rows(table).Find(id) is not null;
        }
    }

    public IReadOnlyList<JsonObject> List(string table)
    {
        lock (gate)
        {
            return Rows(table).All().Select(r => r.DeepClone().AsObject()).ToList();
        }
    }

    /// <summary>Inserts or replaces a row and stamps a new <c>versionnumber</c> (the source of <c>@odata.etag</c>).</summary>
    public JsonObject Put(string table, Guid id, JsonObject row)
    {
        lock (gate)
        {
            var stored = row.DeepClone().AsObject();
            stored["versionnumber"] = ++version;
            Rows(table).Put(id, stored);
            return stored.DeepClone().AsObject();
        }
    }

    /// <summary>Applies <paramref name="change"/> to an existing row atomically; null when the row does not exist.</summary>
    public RowChange? Update(string table, Guid id, Action<JsonObject> change)
    {
        lock (gate)
        {
            var rows = Rows(table);
            var current = rows.Find(id);
            if (current is null)
            {
                return null;
            }

            var before = current.DeepClone().AsObject();
            var after = current.DeepClone().AsObject();
            change(after);
            after["versionnumber"] = ++version;
            rows.Put(id, after);
            return new RowChange(before, after.DeepClone().AsObject());
        }
    }

    public JsonObject? Remove(string table, Guid id)
    {
        lock (gate)
        {
            return Rows(table).Remove(id);
        }
    }

    /// <summary>Puts back a row as it was (or removes it when it did not exist): the rollback of a cancelled write.</summary>
    public void Restore(string table, Guid id, JsonObject? previous)
    {
        lock (gate)
        {
            if (previous is null)
            {
                Rows(table).Remove(id);
            }
            else
            {
                Rows(table).Put(id, previous.DeepClone().AsObject());
            }
        }
    }

    public void Associate(ManyToManyRelationship relationship, string table, Guid id, Guid otherId)
    {
        var association = string.Equals(table, relationship.Table1, StringComparison.Ordinal)
            ? new Association(relationship.Name, id, otherId)
            : new Association(relationship.Name, otherId, id);
        lock (gate)
        {
            associations.Add(association);
        }
    }

    public IReadOnlyList<Guid> Associated(ManyToManyRelationship relationship, string table, Guid id)
    {
        var fromFirst = string.Equals(table, relationship.Table1, StringComparison.Ordinal);
        lock (gate)
        {
            return associations
                .Where(a => a.Relationship == relationship.Name && (fromFirst ? a.First == id : a.Second == id))
                .Select(a => fromFirst ? a.Second : a.First)
                .ToList();
        }
    }

    /// <summary>How many writes the tables have seen: a stamp that changes whenever any of their rows does.</summary>
    public long Changes(IEnumerable<string> names)
    {
        lock (gate)
        {
            return names.Sum(name => tables.TryGetValue(name, out var rows) ? rows.Changes : 0);
        }
    }

    private TableRows Rows(string table)
    {
        if (!tables.TryGetValue(table, out var rows))
        {
            rows = new TableRows();
            tables[table] = rows;
        }

        return rows;
    }

    private readonly record struct Association(string Relationship, Guid First, Guid Second);

    private sealed class TableRows
    {
        private readonly Dictionary<Guid, JsonObject> byId = [];
        private readonly List<Guid> order = [];

        public long Changes { get; private set; }

        public JsonObject? Find(Guid id) => byId.GetValueOrDefault(id);

        public IEnumerable<JsonObject> All() => order.Select(id => byId[id]);

        public void Put(Guid id, JsonObject row)
        {
            Changes++;
            if (!byId.ContainsKey(id))
            {
                order.Add(id);
            }

            byId[id] = row;
        }

        public JsonObject? Remove(Guid id)
        {
            if (!byId.Remove(id, out var removed))
            {
                return null;
            }

            Changes++;
            order.Remove(id);
            return removed;
        }
    }
}
