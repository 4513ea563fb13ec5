using System.Text.Json.Nodes;

namespace CrmRecording.Emulators.Salesforce.Org;

/// <summary>A record saved through a write: which fields took a new value, the record as saved, and who saved it.</summary>
/// <param name="ChangedFields">Fields whose value differs from before (every field sent, on a create).</param>
internal sealed record RecordChange(string Type, string Id, IReadOnlyList<string> ChangedFields, JsonObject Record, string UserId, bool Created);
