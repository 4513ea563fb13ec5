using CrmRecording.Emulators.Dataverse.Operations;

namespace CrmRecording.Emulators.Dataverse.Webhooks;

/// <summary>What one step execution's <c>RemoteExecutionContext</c> is made from.</summary>
internal sealed record ExecutionContextInput(
    DataEvent Event,
    RegisteredStep Step,
    Guid OperationId,
    Guid? RequestId,
    DateTimeOffset CreatedOn,
    Guid InitiatingUserEntraObjectId);
