using System.Text.Json.Nodes;
using CrmRecording.Emulators.Dataverse.Store;

namespace CrmRecording.Emulators.Dataverse.Webhooks;

/// <summary>
/// Finds the enabled webhook steps for a message on a table by reading the registration rows as Dataverse
/// stores them: step → <c>sdkmessageid</c> (message name), <c>sdkmessagefilterid</c>
/// (<c>primaryobjecttypecode</c>), <c>eventhandler</c> (a <c>serviceendpoint</c> with contract 8), and
/// <c>sdkmessageprocessingstepimage</c> rows. Steps registered through the Web API and through
/// <see cref="DataverseStandIn.RegisterWebhookStep"/> are the same rows.
/// </summary>
internal static class StepDirectory
{
    private const int WebhookContract = 8;

    public static IReadOnlyList<RegisteredStep> Find(RowStore store, string message, string table)
    {
        var steps = new List<RegisteredStep>();
        foreach (var row in store.List("sdkmessageprocessingstep"))
        {
            if (RowColumns.GetInt(row, "statecode") is > 0
                || !string.Equals(MessageName(store, row), message, StringComparison.Ordinal)
                || !string.Equals(FilteredTable(store, row), table, StringComparison.Ordinal)
                || Endpoint(store, row) is not { } endpoint)
            {
                continue;
            }

            var id = RowColumns.GetGuid(row, "sdkmessageprocessingstepid")!.Value;
            steps.Add(new RegisteredStep(
                id,
                RowColumns.GetString(row, "name") ?? $"{message} of {table}",
                message,
                table,
                RowColumns.GetInt(row, "stage") ?? (int)StepStage.PostOperation,
                RowColumns.GetInt(row, "mode") ?? (int)StepMode.Synchronous,
                RowColumns.GetInt(row, "rank") ?? 1,
                ColumnSet(RowColumns.GetString(row, "filteringattributes")),
                Images(store, id),
                endpoint));
        }

        return steps.OrderBy(s => s.Stage).ThenBy(s => s.Rank).ToList();
    }

    private static string? MessageName(RowStore store, JsonObject step) =>
        RowColumns.GetGuid(step, "_sdkmessageid_value") is { } id && store.Find("sdkmessage", id) is { } message
            ? RowColumns.GetString(message, "name")
            : null;

    private static string? FilteredTable(RowStore store, JsonObject step) =>
        RowColumns.GetGuid(step, "_sdkmessagefilterid_value") is { } id && store.Find("sdkmessagefilter", id) is { } filter
            ? RowColumns.GetString(filter, "primaryobjecttypecode")
            : null;

    private static RegisteredEndpoint? Endpoint(RowStore store, JsonObject step)
    {
        if (RowColumns.GetGuid(step, "_eventhandler_value") is not { } id
            || store.Find("serviceendpoint", id) is not { } endpoint
            || RowColumns.GetInt(endpoint, "contract") != WebhookContract
            || !Uri.TryCreate(RowColumns.GetString(endpoint, "url"), UriKind.Absolute, out var url))
        {
            return null;
        }

        return new RegisteredEndpoint(
            id,
            RowColumns.GetString(endpoint, "name") ?? url.Host,
            url,
            RowColumns.GetInt(endpoint, "authtype") ?? (int)WebhookAuthType.WebhookKey,
            RowColumns.GetString(endpoint, "authvalue"));
    }

    private static List<RegisteredImage> Images(RowStore store, Guid stepId) =>
        store.List("sdkmessageprocessingstepimage")
            .Where(i => RowColumns.GetGuid(i, "_sdkmessageprocessingstepid_value") == stepId)
            .Select(i => new RegisteredImage(
                RowColumns.GetString(i, "entityalias") ?? RowColumns.GetString(i, "name") ?? "Image",
                RowColumns.GetInt(i, "imagetype") ?? (int)StepImageType.PreImage,
                ColumnSet(RowColumns.GetString(i, "attributes"))))
            .ToList();

    private static HashSet<string> ColumnSet(string? commaSeparated) =>
        (commaSeparated ?? string.Empty)
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToHashSet(StringComparer.Ordinal);
}
