namespace CrmRecording.Emulators.Twilio.Calls;

/// <summary>How the TwiML of a leg stopped running.</summary>
internal enum LegEnd
{
    /// <summary>The document ran out of verbs: on a dialled leg the parties are then connected; otherwise Twilio hangs up.</summary>
    RanOut,

    /// <summary><c>&lt;Hangup/&gt;</c>, the party hung up, or the API ended the call.</summary>
    HungUp,

    /// <summary><c>&lt;Reject/&gt;</c>.</summary>
    Rejected,

    /// <summary>A webhook failed; the party heard the application error message.</summary>
    Failed,

    /// <summary>A REST update asked for new TwiML; the runner takes it up.</summary>
    Interrupted,
}

/// <summary>The end of a verb sequence, or the next document to run.</summary>
internal readonly record struct Step(LegEnd End, TwiML.TwimlDocument? Next = null)
{
    public static Step Continue(TwiML.TwimlDocument next) => new(LegEnd.RanOut, next);
}
