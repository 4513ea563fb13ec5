using System.Net;
using System.Text.Json.Nodes;
using CrmRecording.Emulators.Dataverse.Http;
using CrmRecording.Emulators.Dataverse.Metadata;
using CrmRecording.Emulators.Dataverse.Store;
using CrmRecording.Emulators.Dataverse.Webhooks;

namespace CrmRecording.Emulators.Dataverse.Operations;

/// <summary>
/// Creates, updates and deletes rows through the event pipeline: the platform columns Dataverse sets
/// (<c>createdon</c>, <c>modifiedby</c>, <c>ownerid</c>, <c>statecode</c>, a computed <c>fullname</c>), the
/// webhook steps before and after the write, and the rollback when a synchronous post-operation step fails.
/// </summary>
internal sealed class RowWriter(RowStore store, WebhookPipeline pipeline, TimeProvider time)
{
    private static readonly HashSet<string> PeopleTables = new(StringComparer.Ordinal) { "contact", "lead", "systemuser" };

    public async Task<JsonObject> CreateAsync(TableDefinition table, WriteRequest request, OperationContext operation, CancellationToken cancellationToken)
    {
        var id = request.PrimaryKey ?? Guid.NewGuid();
        if (store.Exists(table.LogicalName, id))
        {
            throw new WebApiErrorException(new WebApiError(HttpStatusCode.PreconditionFailed, "0x80040237", "A record with matching key values already exists."));
        }

        var now = RowColumns.Timestamp(time.GetUtcNow());
        var target = request.Columns.DeepClone().AsObject();
        target[table.PrimaryId] = id.ToString("D");
        ComputeFullName(table, target, current: null);
        target["createdon"] = now;
        target["modifiedon"] = now;
        RowColumns.SetLookup(target, "createdby", operation.UserId, "systemuser", "createdby");
        RowColumns.SetLookup(target, "modifiedby", operation.UserId, "systemuser", "modifiedby");
        if (table.UserOwned)
        {
            if (!target.ContainsKey("_ownerid_value"))
            {
                RowColumns.SetLookup(target, "ownerid", operation.UserId, "systemuser", "ownerid");
            }

            target.TryAdd("statecode", 0);
            target.TryAdd("statuscode", 1);
        }

        var children = Children(request, id, now, operation);
        var ev = new DataEvent("Create", table, id, target, children.Select(c => c.Row).ToList(), null, target, request.ChangedAttributes, operation);
        await pipeline.RunBeforeWriteAsync(ev, cancellationToken).ConfigureAwait(false);

        var stored = store.Put(table.LogicalName, id, target);
        foreach (var child in children)
        {
            store.Put(child.Table, child.Id, child.Row);
        }

        try
        {
            await pipeline.RunAfterWriteAsync(ev with { After = stored }, cancellationToken).ConfigureAwait(false);
        }
        catch (WebApiErrorException)
        {
            store.Restore(table.LogicalName, id, null);
            foreach (var child in children)
            {
                store.Restore(child.Table, child.Id, null);
            }

            throw;
        }

        operation.ChangeSet?.Wrote(table.LogicalName, id, null);
        children.ForEach(child => operation.ChangeSet?.Wrote(child.Table, child.Id, null));
        Raise(ev with { After = stored }, operation);
        return stored;
    }

    /// <summary>Updates a row; a missing row is created (upsert) unless <paramref name="mustExist"/> (<c>If-Match: *</c>).</summary>
    public async Task<(JsonObject Row, bool Created)> UpdateAsync(
        TableDefinition table, Guid id, WriteRequest request, bool mustExist, OperationContext operation, CancellationToken cancellationToken)
    {
        var current = store.Find(table.LogicalName, id);
        if (current is null)
        {
            if (mustExist)
            {
                throw new WebApiErrorException(WebApiError.DoesNotExist(table.LogicalName, id));
            }

            var created = await CreateAsync(table, request with { PrimaryKey = id }, operation, cancellationToken).ConfigureAwait(false);
            return (created, true);
        }

        var now = RowColumns.Timestamp(time.GetUtcNow());
        var target = request.Columns.DeepClone().AsObject();
        target.Remove(table.PrimaryId);
        ComputeFullName(table, target, current);
        target[table.PrimaryId] = id.ToString("D");
        target["modifiedon"] = now;
        RowColumns.SetLookup(target, "modifiedby", operation.UserId, "systemuser", "modifiedby");
        target["_modifiedonbehalfby_value"] = null;

        var after = Merge(current, target);
        var ev = new DataEvent("Update", table, id, target, [], current, after, request.ChangedAttributes, operation);
        await pipeline.RunBeforeWriteAsync(ev, cancellationToken).ConfigureAwait(false);

        var change = store.Update(table.LogicalName, id, row => Merge(row, target, inPlace: true))
            ?? throw new WebApiErrorException(WebApiError.DoesNotExist(table.LogicalName, id));
        try
        {
            await pipeline.RunAfterWriteAsync(ev with { Before = change.Before, After = change.After }, cancellationToken).ConfigureAwait(false);
        }
        catch (WebApiErrorException)
        {
            store.Restore(table.LogicalName, id, change.Before);
            throw;
        }

        operation.ChangeSet?.Wrote(table.LogicalName, id, change.Before);
        Raise(ev with { Before = change.Before, After = change.After }, operation);
        return (change.After, false);
    }

    public async Task DeleteAsync(TableDefinition table, Guid id, OperationContext operation, CancellationToken cancellationToken)
    {
        var current = store.Find(table.LogicalName, id) ?? throw new WebApiErrorException(WebApiError.DoesNotExist(table.LogicalName, id));
        var ev = new DataEvent("Delete", table, id, new JsonObject(), [], current, null, [], operation);
        await pipeline.RunBeforeWriteAsync(ev, cancellationToken).ConfigureAwait(false);

        var removed = store.Remove(table.LogicalName, id);
        var dependents = Dependents(table, id);
        try
        {
            await pipeline.RunAfterWriteAsync(ev, cancellationToken).ConfigureAwait(false);
        }
        catch (WebApiErrorException)
        {
            store.Restore(table.LogicalName, id, removed);
            foreach (var (childTable, childId, row) in dependents)
            {
                store.Restore(childTable, childId, row);
            }

            throw;
        }

        operation.ChangeSet?.Wrote(table.LogicalName, id, removed);
        dependents.ForEach(d => operation.ChangeSet?.Wrote(d.Table, d.Id, d.Row));
        Raise(ev, operation);
    }

    /// <summary>A change set's writes are undone in reverse order and raise no asynchronous step.</summary>
    public void RollBack(ChangeSet changeSet) => changeSet.RollBack(store);

    /// <summary>A change set that succeeded runs the asynchronous steps its writes raised, in order.</summary>
    public void Commit(ChangeSet changeSet)
    {
        foreach (var ev in changeSet.Events)
        {
            pipeline.QueueAsynchronous(ev);
        }
    }

    private void Raise(DataEvent ev, OperationContext operation)
    {
        if (operation.ChangeSet is { } changeSet)
        {
            changeSet.Raised(ev);
        }
        else
        {
            pipeline.QueueAsynchronous(ev);
        }
    }

    /// <summary>Removes the rows that cannot outlive their parent (an activity's parties), returning them for a rollback.</summary>
    private List<(string Table, Guid Id, JsonObject Row)> Dependents(TableDefinition table, Guid id)
    {
        var removed = new List<(string, Guid, JsonObject)>();
        foreach (var navigation in TableCatalog.CollectionNavigations.Where(n => n.ParentTable == table.LogicalName && n.ChildTable == "activityparty"))
        {
            var child = TableCatalog.GetByLogicalName(navigation.ChildTable);
            foreach (var row in store.List(child.LogicalName).Where(r => RowColumns.GetGuid(r, RowColumns.LookupProperty(navigation.ChildLookup)) == id))
            {
                var childId = RowColumns.GetGuid(row, child.PrimaryId)!.Value;
                store.Remove(child.LogicalName, childId);
                removed.Add((child.LogicalName, childId, row));
            }
        }

        return removed;
    }

    private static List<(string Table, Guid Id, JsonObject Row)> Children(WriteRequest request, Guid parentId, string now, OperationContext operation)
    {
        var rows = new List<(string, Guid, JsonObject)>();
        foreach (var insert in request.Children)
        {
            var table = TableCatalog.GetByLogicalName(insert.Navigation.ChildTable);
            var parent = TableCatalog.GetByLogicalName(insert.Navigation.ParentTable);
            foreach (var child in insert.Rows)
            {
                var id = child.PrimaryKey ?? Guid.NewGuid();
                var row = child.Columns.DeepClone().AsObject();
                row[table.PrimaryId] = id.ToString("D");
                RowColumns.SetLookup(row, insert.Navigation.ChildLookup, parentId, parent.LogicalName, $"{insert.Navigation.ChildLookup}_{parent.LogicalName}");
                if (table.LogicalName != "activityparty")
                {
                    row["createdon"] = now;
                    row["modifiedon"] = now;
                    RowColumns.SetLookup(row, "createdby", operation.UserId, "systemuser", "createdby");
                }

                rows.Add((table.LogicalName, id, row));
            }
        }

        return rows;
    }

    private static void ComputeFullName(TableDefinition table, JsonObject target, JsonObject? current)
    {
        if (!PeopleTables.Contains(table.LogicalName) || target.ContainsKey("fullname")
            || !(target.ContainsKey("firstname") || target.ContainsKey("lastname")))
        {
            return;
        }

        var first = target.ContainsKey("firstname") ? RowColumns.GetString(target, "firstname") : current is null ? null : RowColumns.GetString(current, "firstname");
        var last = target.ContainsKey("lastname") ? RowColumns.GetString(target, "lastname") : current is null ? null : RowColumns.GetString(current, "lastname");
        target["fullname"] = $"{first} {last}".Trim();
    }

    private static JsonObject Merge(JsonObject row, JsonObject changes, bool inPlace = false)
    {
        var result = inPlace ? row : row.DeepClone().AsObject();
        foreach (var (name, value) in changes)
        {
            result[name] = value?.DeepClone();
        }

        return result;
    }
}
