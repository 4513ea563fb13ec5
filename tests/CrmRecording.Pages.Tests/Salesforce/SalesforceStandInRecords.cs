using System.Text.Json.Nodes;
using CrmRecording.Emulators.Salesforce;

namespace CrmRecording.Pages.Tests.Salesforce;

/// <summary>Waits for records the service writes into the Salesforce stand-in (the Task at once, the Call Recording after the ingest).</summary>
internal static class SalesforceStandInRecords
{
    /// <summary>The first record of <paramref name="type"/> that satisfies <paramref name="match"/>, once the service has written it (up to a minute).</summary>
    public static async Task<JsonObject> WaitForAsync(SalesforceStandIn org, string type, Func<JsonObject, bool> match)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (true)
        {
            if (org.Records(type).FirstOrDefault(match) is { } found)
            {
                return found;
            }

            // The write-back is an outbox job the service runs after the ingest: look again until it has landed.
            if (!await poll.WaitForNextTickAsync(deadline.Token))
            {
                throw new TimeoutException($"No {type} was written.");
            }
        }
    }

    public static string? Text(JsonObject record, string field) => record[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
