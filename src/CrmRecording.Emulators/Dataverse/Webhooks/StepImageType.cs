namespace CrmRecording.Emulators.Dataverse.Webhooks;

/// <summary><c>sdkmessageprocessingstepimage.imagetype</c>.</summary>
public enum StepImageType
{
    PreImage = 0,
    PostImage = 1,
    Both = 2,
}
