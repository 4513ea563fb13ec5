using System.ComponentModel.DataAnnotations;

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

    /// <summary>How long the customer has to answer the consent question.</summary>
    [Range(3, 30)]
    public int ConsentTimeoutSeconds { get; set; } = 6;

    /// <summary>How a PCI pause shows in the audio: silence (the timeline stays true to the call) or skip (cut out).</summary>
    public string PauseBehavior { get; set; } = "silence";

    /// <summary>Seconds the customer's phone rings before the call gives up.</summary>
    [Range(5, 600)]
    public int RingTimeoutSeconds { get; set; } = 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PauseBehavior is not ("silence" or "skip"))
        {
            yield return new ValidationResult($"Calls:PauseBehavior '{PauseBehavior}' is not silence or skip.", [nameof(PauseBehavior)]);
        }

        if (DisclosuresFile is { Length: > 0 } file && !File.Exists(file))
        {
            yield return new ValidationResult($"Calls:DisclosuresFile '{file}' does not exist.", [nameof(DisclosuresFile)]);
        }
    }
}
