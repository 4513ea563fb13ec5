using System.Text.Json.Nodes;

namespace CrmRecording.Emulators.Salesforce.Automation;

/// <summary>A notification in the org's outbound queue: the record as it was saved, and its delivery attempts.</summary>
internal sealed class PendingNotification(string id, string type, IReadOnlyList<KeyValuePair<string, JsonNode?>> fields, DateTimeOffset queuedAt)
{
    public string Id { get; } = id;

    public string Type { get; } = type;

    public IReadOnlyList<KeyValuePair<string, JsonNode?>> Fields { get; } = fields;

    public DateTimeOffset QueuedAt { get; } = queuedAt;

    public int Attempts { get; set; }

    public DateTimeOffset DueAt { get; set; } = queuedAt;
}
