namespace CrmRecording.Plugins.Registration;

/// <summary>Synchronous steps run inside the user's transaction and can cancel it; asynchronous ones run after it.</summary>
public enum StepMode
{
    Synchronous = 0,
    Asynchronous = 1,
}
