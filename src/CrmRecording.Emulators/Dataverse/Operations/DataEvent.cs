using System.Text.Json.Nodes;
using CrmRecording.Emulators.Dataverse.Metadata;

namespace CrmRecording.Emulators.Dataverse.Operations;

/// <summary>
/// A Create, Update or Delete as the event pipeline sees it. <see cref="Target"/> is in Web API row form and
/// holds what the message's Target holds: the columns set by the caller plus those the platform set.
/// <see cref="Parties"/> are deep-inserted activity parties, which Dataverse shows as the activity's
/// <c>from</c>/<c>to</c> party lists.
/// </summary>
internal sealed record DataEvent(
    string Message,
    TableDefinition Table,
    Guid Id,
    JsonObject Target,
    IReadOnlyList<JsonObject> Parties,
    JsonObject? Before,
    JsonObject? After,
    IReadOnlyList<string> ChangedAttributes,
    OperationContext Operation);
