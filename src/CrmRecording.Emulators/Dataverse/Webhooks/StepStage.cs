namespace CrmRecording.Emulators.Dataverse.Webhooks;

/// <summary><c>sdkmessageprocessingstep.stage</c>: where in the event pipeline a step runs.</summary>
public enum StepStage
{
    PreValidation = 10,
    PreOperation = 20,
    PostOperation = 40,
}
