namespace CrmRecording.Emulators.Twilio;

/// <summary>What a scripted party does when called. Every behaviour but <see cref="DoesNotAnswer"/> and <see cref="Busy"/> answers.</summary>
public enum CalleeBehavior
{
    /// <summary>Answers and gives no input to a <c>&lt;Gather&gt;</c>.</summary>
    Answers,

    /// <summary>Answers and presses 1 at the first <c>&lt;Gather&gt;</c> that accepts DTMF.</summary>
    PressesOne,

    /// <summary>Answers and presses 2 at the first <c>&lt;Gather&gt;</c> that accepts DTMF.</summary>
    PressesTwo,

    /// <summary>Answers and says "Yes." at the first <c>&lt;Gather&gt;</c> that accepts speech.</summary>
    SaysYes,

    /// <summary>Answers and says "No." at the first <c>&lt;Gather&gt;</c> that accepts speech.</summary>
    SaysNo,

    /// <summary>Answers and stays silent (the same input as <see cref="Answers"/>; named for consent scenarios).</summary>
    StaysSilent,

    /// <summary>Answers and hangs up while the first <c>&lt;Gather&gt;</c> waits.</summary>
    HangsUpDuringGather,

    /// <summary>Rings until the timeout: the call ends <c>no-answer</c>.</summary>
    DoesNotAnswer,

    /// <summary>The call ends <c>busy</c>.</summary>
    Busy,
}
