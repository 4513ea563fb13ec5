namespace CrmRecording.Plugins.Registration;

/// <summary>When in the event pipeline a step runs (Dataverse <c>sdkmessageprocessingstep.stage</c>).</summary>
public enum StepStage
{
    PreValidation = 10,
    PreOperation = 20,
    PostOperation = 40,
}
