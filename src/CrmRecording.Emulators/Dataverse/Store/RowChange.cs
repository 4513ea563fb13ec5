using System.Text.Json.Nodes;

namespace CrmRecording.Emulators.Dataverse.Store;

/// <summary>A row before and after one write (the pre and post images of the operation).</summary>
internal sealed record RowChange(JsonObject Before, JsonObject After);
