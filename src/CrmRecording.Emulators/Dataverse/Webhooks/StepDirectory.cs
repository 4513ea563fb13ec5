using System.Runtime.CompilerServices;
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

    private static readonly string[] RegistrationTables = ["sdkmessageprocessingstep", "sdkmessage", "sdkmessagefilter", "serviceendpoint", "sdkmessageprocessingstepimage"];

    private static readonly ConditionalWeakTable<RowStore, StepCache> Caches = [];

    /// <summary>
    /// The steps as the registration rows say now. Every write asks three times, so the answer is kept until a
    /// registration row changes (a step registered, disabled or removed is seen by the next write).
    /// </summary>
    public static IReadOnlyList<RegisteredStep> Find(RowStore store, string message, string table)
    {
        var stamp = store.Changes(RegistrationTables);
        return Caches.GetValue(store, _ => new StepCache()).Get(stamp, message, table, () => Read(store, message, table));
    }

    private static List<RegisteredStep> Read(RowStore store, string message, string table)
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

    private sealed class StepCache
    {
        private readonly Lock gate = new();
        private readonly Dictionary<(string Message, string Table), IReadOnlyList<RegisteredStep>> steps = [];
        private long stamp = -1;

        public IReadOnlyList<RegisteredStep> Get(long current, string message, string table, Func<List<RegisteredStep>> read)
        {
            lock (gate)
            {
                if (current != stamp)
                {
                    stamp = current;
                    steps.Clear();
                }

                if (!steps.TryGetValue((message, table), out var found))
                {
                    steps[(message, table)] = found = read();
                }

                return found;
            }
        }
    }
}
