using System.Text.Json.Nodes;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Emulators.Dataverse.Store;
using CrmRecording.Emulators.Dataverse.Webhooks;

namespace CrmRecording.Emulators.Dataverse;

/// <summary>
/// Registering webhooks without the Web API. Both ways write the same <c>serviceendpoint</c>,
/// <c>sdkmessageprocessingstep</c> and <c>sdkmessageprocessingstepimage</c> rows the pipeline reads.
/// </summary>
public sealed partial class DataverseStandIn
{
    /// <summary>Creates a webhook <c>serviceendpoint</c> (contract 8) and returns its id.</summary>
    public Guid RegisterWebhookEndpoint(WebhookEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var id = Guid.NewGuid();
        store.Put("serviceendpoint", id, new JsonObject
        {
            ["serviceendpointid"] = id.ToString("D"),
            ["name"] = endpoint.Name,
            ["contract"] = 8,
            ["connectionmode"] = 1,
            ["messageformat"] = 2,
            ["url"] = endpoint.Url.AbsoluteUri,
            ["authtype"] = (int)endpoint.AuthType,
            ["authvalue"] = endpoint.AuthValue,
        });
        return id;
    }

    /// <summary>Registers a step (and its images) whose event handler is the given endpoint; returns the step id.</summary>
    public Guid RegisterWebhookStep(Guid serviceEndpointId, WebhookStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (store.Find("serviceendpoint", serviceEndpointId) is null)
        {
            throw new ArgumentException($"No service endpoint {serviceEndpointId} is registered.", nameof(serviceEndpointId));
        }

        var messageId = step.Message switch
        {
            "Create" => SeedData.Messages.Create,
            "Update" => SeedData.Messages.Update,
            "Delete" => SeedData.Messages.Delete,
            _ => throw new ArgumentException($"The stand-in raises Create, Update and Delete only, not '{step.Message}'.", nameof(step)),
        };
        EnsureMessageRows(step.Message, messageId, step.Table);

        var id = Guid.NewGuid();
        var row = new JsonObject
        {
            ["sdkmessageprocessingstepid"] = id.ToString("D"),
            ["name"] = step.Name ?? $"CrmRecording: {step.Message} of {step.Table}",
            ["stage"] = (int)step.Stage,
            ["mode"] = (int)step.Mode,
            ["rank"] = step.Rank,
            ["supporteddeployment"] = 0,
            ["asyncautodelete"] = false,
            ["filteringattributes"] = step.FilteringAttributes is { Count: > 0 } columns ? string.Join(',', columns) : null,
            ["statecode"] = 0,
            ["statuscode"] = 1,
        };
        RowColumns.SetLookup(row, "sdkmessageid", messageId, "sdkmessage", "sdkmessageid");
        RowColumns.SetLookup(row, "sdkmessagefilterid", SeedData.MessageFilterId(step.Message, step.Table), "sdkmessagefilter", "sdkmessagefilterid");
        RowColumns.SetLookup(row, "eventhandler", serviceEndpointId, "serviceendpoint", "eventhandler_serviceendpoint");
        store.Put("sdkmessageprocessingstep", id, row);

        foreach (var image in step.Images ?? [])
        {
            var imageId = Guid.NewGuid();
            var imageRow = new JsonObject
            {
                ["sdkmessageprocessingstepimageid"] = imageId.ToString("D"),
                ["name"] = image.Alias,
                ["entityalias"] = image.Alias,
                ["imagetype"] = (int)image.Type,
                ["messagepropertyname"] = step.Message == "Create" ? "Id" : "Target",
                ["attributes"] = image.Attributes is { Count: > 0 } attributes ? string.Join(',', attributes) : null,
            };
            RowColumns.SetLookup(imageRow, "sdkmessageprocessingstepid", id, "sdkmessageprocessingstep", "sdkmessageprocessingstepid");
            store.Put("sdkmessageprocessingstepimage", imageId, imageRow);
        }

        return id;
    }

    /// <summary>The seed has these rows; a store started without seed data gets them on first registration.</summary>
    private void EnsureMessageRows(string message, Guid messageId, string table)
    {
        if (store.Find("sdkmessage", messageId) is null)
        {
            store.Put("sdkmessage", messageId, new JsonObject { ["sdkmessageid"] = messageId.ToString("D"), ["name"] = message });
        }

        var filterId = SeedData.MessageFilterId(message, table);
        if (store.Find("sdkmessagefilter", filterId) is null)
        {
            var filter = new JsonObject
            {
                ["sdkmessagefilterid"] = filterId.ToString("D"),
                ["primaryobjecttypecode"] = table,
                ["secondaryobjecttypecode"] = "none",
            };
            RowColumns.SetLookup(filter, "sdkmessageid", messageId, "sdkmessage", "sdkmessageid");
            store.Put("sdkmessagefilter", filterId, filter);
        }
    }
}
