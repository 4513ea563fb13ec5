namespace CrmRecording.Emulators.Dataverse.Webhooks;

/// <summary><c>sdkmessageprocessingstep.mode</c>.</summary>
public enum StepMode
{
    Synchronous = 0,
    Asynchronous = 1,
}
