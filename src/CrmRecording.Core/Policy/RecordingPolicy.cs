using CrmRecording.Core.Decisions;
using CrmRecording.Core.Jurisdictions;

namespace CrmRecording.Core.Policy;

/// <summary>
/// The organisation's recording policy: how strictly to go beyond the law, and its own overrides.
/// <see cref="Default"/> announces every recording and asks for explicit consent wherever all parties must agree.
/// </summary>
public sealed record RecordingPolicy
{
    public static RecordingPolicy Default { get; } = new();

    /// <summary>Announce every recording, even where one-party law would allow silence.</summary>
    public bool AlwaysAnnounce { get; init; } = true;

    public AllPartyMode AllPartyMode { get; init; } = AllPartyMode.ExplicitConsent;

    /// <summary>The outcome when nothing at all is known about where the customer is.</summary>
    public RecordingOutcome UnknownLocation { get; init; } = RecordingOutcome.RecordAfterConsent;

    /// <summary>How long a granted consent stays valid, in days.</summary>
    public int ConsentValidityDays { get; init; } = 365;

    /// <summary>Where recordings are made (the media service's region), whose law also applies.</summary>
    public JurisdictionCode? RecordingRegion { get; init; }

    public IReadOnlyList<RuleOverride> Overrides { get; init; } = [];

    /// <summary>Allow overrides that make a rule less strict than the data's.</summary>
    public bool AllowRelaxing { get; init; }

    /// <summary>A label for this edition of the policy, stamped on decisions (the file's <c>version</c>, or a content hash).</summary>
    public string Version { get; init; } = "default";
}
