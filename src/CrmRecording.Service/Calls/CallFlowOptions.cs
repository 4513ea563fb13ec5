using System.ComponentModel.DataAnnotations;
using CrmRecording.Core.Jurisdictions;
using CrmRecording.Core.Policy;

namespace CrmRecording.Service.Calls;

/// <summary>The <c>Calls</c> section: how calls are placed and consent is asked.</summary>
public sealed class CallFlowOptions : IValidatableObject
{
    public const string Section = "Calls";

    /// <summary>Language of the disclosures (a key of the disclosure catalog, e.g. en-US, es-US, fr-CA).</summary>
    [Required(AllowEmptyStrings = false)]
    public string Language { get; set; } = "en-US";

    /// <summary>A JSON disclosure catalog replacing the built-in texts (reviewed wording, more languages).</summary>
    public string? DisclosuresFile { get; set; }

    /// <summary>
    /// The organisation's recording policy (the same JSON file as <c>crmrec gate --policy</c>): always announce,
    /// all-party mode, overrides with their reasons. The built-in default policy when not set.
    /// </summary>
    public string? PolicyFile { get; set; }

    /// <summary>How long the customer has to answer the consent question.</summary>
    [Range(3, 30)]
    public int ConsentTimeoutSeconds { get; set; } = 6;

    /// <summary>How a PCI pause shows in the audio: silence (the timeline stays true to the call) or skip (cut out).</summary>
    public string PauseBehavior { get; set; } = "silence";

    /// <summary>After a call ends, how long before its recordings are fetched even if Twilio's callback never came.</summary>
    [Range(0, 3600)]
    public int ReconcileAfterSeconds { get; set; } = 30;

    /// <summary>
    /// Seconds between reconciliation rounds (also run at start): every call not in a final state is checked against
    /// Twilio, so a call whose webhooks were lost (the service was down) still ends, and its recordings are stored or
    /// marked lost. 0 turns the rounds off (the one at start still runs).
    /// </summary>
    [Range(0, 86_400)]
    public int ReconcileEverySeconds { get; set; } = 60;

    /// <summary>Seconds the customer's phone rings before the call gives up.</summary>
    [Range(5, 600)]
    public int RingTimeoutSeconds { get; set; } = 30;

    /// <summary>Seconds between keep-alive comments on a call's event stream (proxies close idle connections).</summary>
    [Range(1, 300)]
    public int EventsHeartbeatSeconds { get; set; } = 15;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PauseBehavior is not ("silence" or "skip"))
        {
            yield return new ValidationResult($"Calls:PauseBehavior '{PauseBehavior}' is not silence or skip.", [nameof(PauseBehavior)]);
        }

        if (PolicyFile is { Length: > 0 } policy)
        {
            var problem = !File.Exists(policy)
                ? "does not exist"
                : PolicyParser.Parse(File.ReadAllText(policy), JurisdictionCatalog.Default).Error;
            if (problem is not null)
            {
                yield return new ValidationResult($"Calls:PolicyFile '{policy}': {problem}", [nameof(PolicyFile)]);
            }
        }

        if (DisclosuresFile is { Length: > 0 } file && !File.Exists(file))
        {
            yield return new ValidationResult($"Calls:DisclosuresFile '{file}' does not exist.", [nameof(DisclosuresFile)]);
        }
    }
}
