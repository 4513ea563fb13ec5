using System.CommandLine;
using CrmRecording.Core.Contacts;
using CrmRecording.Core.Decisions;
using CrmRecording.Core.Jurisdictions;
using CrmRecording.Core.Location;
using CrmRecording.Core.Phones;
using CrmRecording.Core.Policy;

namespace CrmRecording.Cli;

/// <summary>Options shared by the decision commands, and how they are read.</summary>
internal static class CommonOptions
{
    public static Option<FileInfo> Policy() => new("--policy")
    {
        Description = "Recording policy file (JSON): alwaysAnnounce, allPartyMode, unknownLocation, consentValidityDays, recordingRegion, overrides, allowRelaxing.",
        HelpName = "FILE",
    };

    public static Option<string> AsOf() => new("--as-of")
    {
        Description = "The day of the call, YYYY-MM-DD (default: today, UTC). Consent validity is judged against it.",
        HelpName = "YYYY-MM-DD",
    };

    public static Option<string> RepRegion() => new("--rep-region")
    {
        Description = "The rep's region as an ISO 3166 code (US-TX, CA-ON, GB).",
        HelpName = "CODE",
    };

    public static RecordingPolicy ReadPolicy(FileInfo? file)
    {
        if (file is null)
        {
            return RecordingPolicy.Default;
        }

        if (!file.Exists)
        {
            throw new UsageException($"--policy: {file.FullName} does not exist.");
        }

        var result = PolicyParser.Parse(File.ReadAllText(file.FullName), JurisdictionCatalog.Default);
        return result.IsValid ? result.Policy : throw new UsageException($"--policy {file.Name}: {result.Error}");
    }

    public static DateOnly ReadAsOf(string? text, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        }

        return ContactReader.TryDate(text, out var date)
            ? date
            : throw new UsageException($"--as-of: '{text}' is not a date; write it as YYYY-MM-DD.");
    }

    public static ConsentEngine Engine(RecordingPolicy policy) => ConsentEngine.Create(policy);

    /// <summary>A reader that also accepts the places a policy adds.</summary>
    public static ContactReader Reader(RecordingPolicy policy) =>
        new(PhoneNumberParser.Default, PlaceDirectory.Default, policy.Overrides.Select(o => o.Code).ToHashSet());
}
