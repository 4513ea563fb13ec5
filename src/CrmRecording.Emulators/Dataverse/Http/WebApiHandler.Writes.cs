using System.Net;
using System.Text.Json.Nodes;
using CrmRecording.Emulators.Dataverse.Metadata;
using CrmRecording.Emulators.Dataverse.Operations;
using CrmRecording.Emulators.Dataverse.Store;
using Microsoft.AspNetCore.Http;

namespace CrmRecording.Emulators.Dataverse.Http;

/// <summary>
/// POST, PATCH, DELETE. A create answers 204 with <c>OData-EntityId</c>, or 201 with the row under
/// <c>Prefer: return=representation</c>. A PATCH with <c>If-Match: *</c> never creates (404 instead); without
/// it a PATCH to a missing row creates it (upsert), as Dataverse does.
/// </summary>
internal sealed partial class WebApiHandler
{
    private async Task CreateAsync(HttpContext context, TableDefinition table, string body, Preferences preferences)
    {
        var query = QueryOptions.From(context.Request.Query);
        var request = WriteRequestReader.Read(WriteRequestReader.ParseBody(body), table, store, allowChildren: true);
        var row = await writer.CreateAsync(table, request, BeginOperation(context.Request), context.RequestAborted).ConfigureAwait(false);
        await AnswerWriteAsync(context, table, row, created: true, query, preferences).ConfigureAwait(false);
    }

    private async Task UpdateAsync(HttpContext context, TableDefinition table, Guid id, string body, Preferences preferences)
    {
        var query = QueryOptions.From(context.Request.Query);
        var ifMatch = context.Request.Headers.IfMatch.ToString().Trim();
        if (ifMatch.Length > 0 && ifMatch != "*" && store.Find(table.LogicalName, id) is { } current)
        {
            if (!string.Equals(RowColumns.ETag(current), ifMatch, StringComparison.Ordinal))
            {
                // Microsoft's documented example of this answer carries an empty code.
                throw new WebApiErrorException(new WebApiError(HttpStatusCode.PreconditionFailed, string.Empty, "The version of the existing record doesn't match the RowVersion property provided."));
            }
        }

        var request = WriteRequestReader.Read(WriteRequestReader.ParseBody(body), table, store, allowChildren: false);
        var (row, created) = await writer.UpdateAsync(table, id, request, mustExist: ifMatch.Length > 0, BeginOperation(context.Request), context.RequestAborted).ConfigureAwait(false);
        await AnswerWriteAsync(context, table, row, created, query, preferences).ConfigureAwait(false);
    }

    private async Task DeleteAsync(HttpContext context, TableDefinition table, Guid id)
    {
        await writer.DeleteAsync(table, id, BeginOperation(context.Request), context.RequestAborted).ConfigureAwait(false);
        await WebApiResponses.WriteNoContent(context).ConfigureAwait(false);
    }

    /// <summary><c>POST systemusers(id)/systemuserroles_association/$ref</c> with <c>{"@odata.id": ".../roles(id)"}</c>.</summary>
    private Task AssociateAsync(HttpContext context, TableDefinition table, Guid id, string navigation, string body)
    {
        var relationship = TableCatalog.FindManyToMany(table.LogicalName, navigation)
            ?? throw new WebApiErrorException(WebApiError.NotImplemented($"associating through '{navigation}'"));
        var other = TableCatalog.GetByLogicalName(relationship.OtherTable(table.LogicalName)!);
        var reference = WriteRequestReader.ParseBody(body)["@odata.id"]?.GetValue<string>()
            ?? throw new WebApiErrorException(WebApiError.BadRequest("The body of a $ref request must have an '@odata.id'."));
        var otherId = ResourcePath.ParseReference(reference) is { } parsed && parsed.EntitySet == other.EntitySet
            ? parsed.Id
            : throw new WebApiErrorException(WebApiError.BadRequest($"'{reference}' does not identify a row of '{other.EntitySet}'."));
        if (!store.Exists(table.LogicalName, id))
        {
            throw new WebApiErrorException(WebApiError.DoesNotExist(table.LogicalName, id));
        }

        if (!store.Exists(other.LogicalName, otherId))
        {
            throw new WebApiErrorException(WebApiError.DoesNotExist(other.LogicalName, otherId));
        }

        store.Associate(relationship, table.LogicalName, id, otherId);
        return WebApiResponses.WriteNoContent(context);
    }

    private Task AnswerWriteAsync(HttpContext context, TableDefinition table, JsonObject row, bool created, QueryOptions query, Preferences preferences)
    {
        if (preferences.ReturnRepresentation)
        {
            context.Response.Headers.Append("Preference-Applied", "return=representation");
            return WriteRowAsync(context, created ? HttpStatusCode.Created : HttpStatusCode.OK, table, row, query.Select, preferences);
        }

        if (created)
        {
            var id = RowColumns.GetGuid(row, table.PrimaryId)!.Value;
            context.Response.Headers["OData-EntityId"] = $"{ApiBase}{table.EntitySet}({id:D})";
        }

        return WebApiResponses.WriteNoContent(context);
    }
}
