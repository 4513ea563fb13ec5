namespace CrmRecording.Service.Calls.State;

/// <summary>What an event did to a call: moved it to a new call, or did not apply, and why.</summary>
public abstract record CallTransition
{
    private CallTransition()
    {
    }

    /// <summary>The call after the event.</summary>
    public sealed record Moved(CallRecord Call) : CallTransition;

    /// <summary>The event does not apply to the call as it is; the call is left unchanged.</summary>
    public sealed record Refused(CallRefusal Reason, string Message) : CallTransition;

    /// <summary>The new call, or <paramref name="unchanged"/> when the event did not apply (a store update then writes nothing).</summary>
    public CallRecord Or(CallRecord unchanged) => this is Moved moved ? moved.Call : unchanged;

    internal static Refused Refuse(CallRefusal reason, string message) => new(reason, message);
}
