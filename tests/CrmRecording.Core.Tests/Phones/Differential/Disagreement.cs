using CrmRecording.Core.Decisions;

namespace CrmRecording.Core.Tests.Phones.Differential;

/// <summary>An input the two readers read differently, the class of the difference, and the outcome each reading leads to.</summary>
internal sealed record Disagreement(PhoneInput Input, Reading Ours, Reading Libphonenumber, string Class, RecordingOutcome OursOutcome, RecordingOutcome LibOutcome)
{
    /// <summary>True when our reading leads to a less strict outcome than libphonenumber's (a one-party call where the truth is all-party).</summary>
    public bool LessStrict => OursOutcome < LibOutcome;

    public static string? Classify(Reading ours, Reading lib)
    {
        if (ours == lib || (ours.IsRefused && lib.IsRefused))
        {
            return null;
        }

        static string Validity(Reading r) => r.IsValid ? "a valid number" : "an invalid number";
        if (ours.IsRefused)
        {
            return $"ours refuses ({ours.Refusal}), libphonenumber reads {Validity(lib)}";
        }

        if (lib.IsRefused)
        {
            return $"libphonenumber refuses ({lib.Refusal}), ours reads {Validity(ours)}";
        }

        if (ours.E164 != lib.E164)
        {
            return (ours.IsValid, lib.IsValid) switch
            {
                (true, true) => "different number, both valid",
                (true, false) => "different number, ours valid, libphonenumber's invalid",
                (false, true) => "different number, ours invalid, libphonenumber's valid",
                _ => "different number, both invalid",
            };
        }

        return ours.IsValid != lib.IsValid ? "same number, validity differs"
            : ours.Region != lib.Region ? "same number, region differs"
            : "same number, type differs";
    }
}
