namespace CrmRecording.Core.Jurisdictions;

/// <summary>
/// What a jurisdiction's law demands before a call may be recorded. Declared in ascending strictness,
/// so comparing the numeric values compares strictness.
/// </summary>
public enum ConsentRule
{
    /// <summary>A participant may record without telling the other side.</summary>
    OneParty = 0,

    /// <summary>A business may record once the other party has been told (knowledge or transparency test).</summary>
    NoticeRequired = 1,

    /// <summary>Criminal law is one-party, but civil liability attaches without all-party consent or a recorded notice.</summary>
    AllPartyCivilOnly = 2,

    /// <summary>Every party must consent.</summary>
    AllParty = 3,

    /// <summary>Courts or statutes conflict; treated at least as strictly as all-party.</summary>
    Ambiguous = 4,
}
