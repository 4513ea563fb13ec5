using System.Text.Json.Nodes;
using CrmRecording.Emulators.Dataverse.Metadata;
using CrmRecording.Emulators.Dataverse.Operations;
using Microsoft.AspNetCore.Http;

namespace CrmRecording.Emulators.Dataverse.Http;

/// <summary>
/// <c>POST {set}/Microsoft.Dynamics.CRM.UpdateMultiple</c> with <c>{"Targets":[{"@odata.type":"Microsoft.Dynamics.CRM.{table}",
/// "{table}id":"…", …}]}</c> (Microsoft Learn, "Use UpdateMultiple"): every target is checked before any is written, so
/// a bad or missing row fails the whole request as the message's transaction would; success is 204. Each row's update
/// raises its own Update event, as Dataverse runs Update steps for each target.
/// </summary>
internal sealed partial class WebApiHandler
{
    private async Task UpdateMultipleAsync(HttpContext context, BulkAction action, string body)
    {
        var table = TableCatalog.FindBySet(action.EntitySet) ?? throw new WebApiErrorException(WebApiError.SegmentNotFound(action.EntitySet));
        if (action.Name != BulkAction.UpdateMultiple)
        {
            throw new WebApiErrorException(WebApiError.NotImplemented($"the action '{action.Name}'"));
        }

        if (options.TablesWithoutUpdateMultiple.Contains(table.LogicalName))
        {
            throw new WebApiErrorException(WebApiError.MessageNotSupported(action.Name, table.LogicalName));
        }

        if (WriteRequestReader.ParseBody(body)["Targets"] is not JsonArray targets || targets.Count == 0)
        {
            throw new WebApiErrorException(WebApiError.BadRequest("UpdateMultiple needs a non-empty 'Targets' collection."));
        }

        var updates = new List<(Guid Id, WriteRequest Request)>(targets.Count);
        var seen = new HashSet<Guid>();
        foreach (var node in targets)
        {
            var target = (node as JsonObject)?.DeepClone().AsObject() ?? throw new WebApiErrorException(WebApiError.BadRequest("Every target of UpdateMultiple must be an object."));
            var type = target["@odata.type"]?.GetValue<string>();
            if (type != $"Microsoft.Dynamics.CRM.{table.LogicalName}")
            {
                throw new WebApiErrorException(WebApiError.BadRequest($"Every target must have \"@odata.type\": \"Microsoft.Dynamics.CRM.{table.LogicalName}\" (got '{type}')."));
            }

            target.Remove("@odata.type");
            if (!Guid.TryParse(target[table.PrimaryId]?.GetValue<string>(), out var id))
            {
                throw new WebApiErrorException(WebApiError.BadRequest($"Every target must have its primary key '{table.PrimaryId}'."));
            }

            if (!seen.Add(id))
            {
                throw new WebApiErrorException(WebApiError.BadRequest($"The {table.LogicalName} {id:D} is a target more than once."));
            }

            if (!store.Exists(table.LogicalName, id))
            {
                throw new WebApiErrorException(WebApiError.DoesNotExist(table.LogicalName, id));
            }

            target.Remove(table.PrimaryId);
            updates.Add((id, WriteRequestReader.Read(target, table, store, allowChildren: false)));
        }

        var operation = BeginOperation(context.Request);
        foreach (var (id, request) in updates)
        {
            await writer.UpdateAsync(table, id, request, mustExist: true, operation, context.RequestAborted).ConfigureAwait(false);
        }

        await WebApiResponses.WriteNoContent(context).ConfigureAwait(false);
    }
}
