namespace CrmRecording.Core.Policy;

/// <summary>How the organisation satisfies all-party, civil-only all-party and ambiguous rules.</summary>
public enum AllPartyMode
{
    /// <summary>Ask for an explicit yes (keypad or voice) and record only after it.</summary>
    ExplicitConsent,

    /// <summary>Play a disclosure and treat continuing the call as consent (where counsel accepts implied consent).</summary>
    Notice,
}
