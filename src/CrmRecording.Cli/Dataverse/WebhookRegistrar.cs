using System.Text.Json.Nodes;
using CrmRecording.Cli.Solution;
using CrmRecording.Dataverse;
using CrmRecording.Plugins.Registration;

namespace CrmRecording.Cli.Dataverse;

/// <summary>
/// Creates or updates the media service's webhook and one step (with its images) per registration, under the
/// ids the solution pack gives them: each row is read by id first, then created with POST or updated with PATCH.
/// </summary>
internal sealed class WebhookRegistrar(DataverseClient client, RegisterSettings settings, bool dryRun, TextWriter output)
{
    private readonly Dictionary<string, Guid> messages = new(StringComparer.OrdinalIgnoreCase);

    public async Task RegisterAsync(IEnumerable<StepRegistration> registrations, CancellationToken cancellationToken)
    {
        var endpoint = new JsonObject
        {
            ["name"] = settings.ServiceEndpointName,
            ["contract"] = 8,
            ["connectionmode"] = 1,
            ["messageformat"] = 2,
            ["url"] = settings.WebhookUrl.AbsoluteUri,
            // HttpHeader, not WebhookKey (4, sent as ?code=): a key in a URL lands in every request log on the way.
            ["authtype"] = 5,
        };
        if (settings.Key is not null)
        {
            endpoint["authvalue"] = new System.Xml.Linq.XElement("settings", new System.Xml.Linq.XElement("setting", new System.Xml.Linq.XAttribute("name", RegisterSettings.KeyHeader), new System.Xml.Linq.XAttribute("value", settings.Key))).ToString(System.Xml.Linq.SaveOptions.DisableFormatting);
        }

        await PutAsync("serviceendpoints", "serviceendpointid", settings.ServiceEndpointId, endpoint, $"service endpoint {settings.ServiceEndpointName} -> {settings.WebhookUrl}", cancellationToken).ConfigureAwait(false);
        foreach (var registration in registrations)
        {
            await RegisterStepAsync(registration, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RegisterStepAsync(StepRegistration registration, CancellationToken cancellationToken)
    {
        var messageId = await MessageIdAsync(registration.Message, cancellationToken).ConfigureAwait(false);
        var filterId = await FilterIdAsync(registration, messageId, cancellationToken).ConfigureAwait(false);
        var stepId = StepGenerator.StepId(registration.Name);
        var step = new JsonObject
        {
            ["name"] = registration.Name,
            ["description"] = registration.Description,
            ["stage"] = (int)registration.Stage,
            ["mode"] = (int)registration.Mode,
            ["rank"] = 1,
            ["filteringattributes"] = registration.FilteringAttributes.Count > 0 ? string.Join(',', registration.FilteringAttributes) : null,
            ["supporteddeployment"] = 0,
            ["asyncautodelete"] = registration.Mode == StepMode.Asynchronous,
            ["eventhandler_serviceendpoint@odata.bind"] = $"/serviceendpoints({settings.ServiceEndpointId:D})",
            ["sdkmessageid@odata.bind"] = $"/sdkmessages({messageId:D})",
            ["sdkmessagefilterid@odata.bind"] = $"/sdkmessagefilters({filterId:D})",
        };
        var detail = $"step {registration.Name} ({registration.Message} of {registration.Table}, stage {(int)registration.Stage}, {registration.Mode.ToString().ToLowerInvariant()})";
        await PutAsync("sdkmessageprocessingsteps", "sdkmessageprocessingstepid", stepId, step, detail, cancellationToken).ConfigureAwait(false);

        foreach (var image in registration.Images)
        {
            var body = new JsonObject
            {
                ["name"] = image.Name,
                ["entityalias"] = image.Name,
                ["imagetype"] = image.Post ? 1 : 0,
                ["attributes"] = string.Join(',', image.Attributes),
                // The message property the image is taken of, as the pack writes it: Target for Update, Id for Create.
                ["messagepropertyname"] = string.Equals(registration.Message, "Create", StringComparison.OrdinalIgnoreCase) ? "Id" : "Target",
                ["sdkmessageprocessingstepid@odata.bind"] = $"/sdkmessageprocessingsteps({stepId:D})",
            };
            var kind = image.Post ? "post" : "pre";
            await PutAsync("sdkmessageprocessingstepimages", "sdkmessageprocessingstepimageid", StepGenerator.ImageId(registration.Name, image.Name), body, $"{kind}-image {image.Name} of {registration.Name}", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>GET by id, then PATCH what exists or POST it with that id.</summary>
    private async Task PutAsync(string entitySet, string primaryKey, Guid id, JsonObject body, string what, CancellationToken cancellationToken)
    {
        var existing = await client.GetRowAsync(entitySet, id, primaryKey, cancellationToken).ConfigureAwait(false);
        var verb = (existing is null, dryRun) switch
        {
            (true, true) => "Would create",
            (false, true) => "Would update",
            (true, false) => "Created",
            (false, false) => "Updated",
        };
        if (!dryRun)
        {
            if (existing is null)
            {
                body[primaryKey] = id.ToString("D");
                await client.CreateRowAsync(entitySet, body, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await client.UpdateRowAsync(entitySet, id, body, cancellationToken).ConfigureAwait(false);
            }
        }

        await output.WriteLineAsync($"{verb} {what} [{id:D}]").ConfigureAwait(false);
    }

    private async Task<Guid> MessageIdAsync(string message, CancellationToken cancellationToken)
    {
        if (messages.TryGetValue(message, out var cached))
        {
            return cached;
        }

        var rows = await client.QueryAsync("sdkmessages", $"$select=sdkmessageid&$filter=name eq {Literal(message)}", cancellationToken).ConfigureAwait(false);
        var id = SingleId(rows, "sdkmessageid", $"the SDK message '{message}'");
        messages[message] = id;
        return id;
    }

    private async Task<Guid> FilterIdAsync(StepRegistration registration, Guid messageId, CancellationToken cancellationToken)
    {
        var rows = await client.QueryAsync(
            "sdkmessagefilters",
            $"$select=sdkmessagefilterid&$filter=primaryobjecttypecode eq {Literal(registration.Table)} and _sdkmessageid_value eq {messageId:D}",
            cancellationToken).ConfigureAwait(false);
        return SingleId(rows, "sdkmessagefilterid", $"a {registration.Message} message filter for table '{registration.Table}' (is the solution imported?)");
    }

    private static Guid SingleId(IReadOnlyList<JsonObject> rows, string column, string what) =>
        rows.Count == 1 && Guid.TryParse(rows[0][column]?.GetValue<string>(), out var id)
            ? id
            : throw new DataverseException(200, null, $"Expected one row for {what}; Dataverse returned {rows.Count}.", null);

    private static string Literal(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";
}
