namespace CrmRecording.Service.Calls.State;

/// <summary>What can happen to a call; each has one transition in <see cref="CallTransitions"/>.</summary>
public enum CallEventKind
{
    /// <summary>Twilio accepted the rep's leg.</summary>
    Dialled,

    /// <summary>The call could not be placed (the CRM or Twilio refused), or never reached Twilio.</summary>
    PlacementFailed,

    /// <summary>The rep picked up (Twilio fetched the rep leg's TwiML).</summary>
    RepAnswered,

    /// <summary>The customer picked up (Twilio fetched the customer leg's TwiML).</summary>
    CustomerAnswered,

    /// <summary>The customer heard the recording notice.</summary>
    NoticePlayed,

    /// <summary>The customer answered the consent question (yes, no, silence or something unclear).</summary>
    ConsentAnswered,

    /// <summary>The rep started recording after a verbal disclosure, with an attestation.</summary>
    ManualStart,

    /// <summary>Twilio started a recording (through the API or from answer).</summary>
    RecordingStarted,

    /// <summary>PCI: the recording was paused.</summary>
    RecordingPaused,

    /// <summary>The paused recording was resumed.</summary>
    RecordingResumed,

    /// <summary>The recording was stopped after an answer other than yes.</summary>
    RecordingStopped,

    /// <summary>The customer's leg ended, so the call did (the dial's action URL).</summary>
    HungUp,

    /// <summary>Twilio's status callback reported the call's progress or end.</summary>
    StatusReported,

    /// <summary>Reconciliation learnt from Twilio's REST API how a call ended while the service did not hear of it.</summary>
    Reconciled,
}
