namespace CrmRecording.Service.Crm;

/// <summary>
/// The solution's choice columns (solution-package/dynamics/OptionSets): wire names as the engine uses
/// them and the option values Dataverse stores. A test checks this table against the solution source.
/// </summary>
internal static class SolutionChoices
{
    private const int Prefix = 107_340_000;

    public static readonly IReadOnlyDictionary<string, string[]> Columns = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["crr_consentstatus"] = ["unknown", "granted", "declined", "revoked"],
        ["crr_devicetype"] = ["unknown", "landline", "mobile", "fixed-voip", "non-fixed-voip", "toll-free"],
        ["crr_evidencestrength"] = ["none", "weak", "medium", "strong"],
        ["crr_recordingdecision"] = ["record", "record-after-notice", "record-after-consent", "do-not-record"],
        ["crr_recordingrule"] = ["one-party", "notice-required", "all-party-civil-only", "all-party", "ambiguous", "unknown-location"],
    };

    /// <summary>The option value for a wire name; null for an empty name.</summary>
    /// <exception cref="ArgumentException">The name is not one of the column's choices.</exception>
    public static int? ToValue(string column, string? wireName)
    {
        if (string.IsNullOrEmpty(wireName))
        {
            return null;
        }

        var at = Array.IndexOf(Columns[column], wireName);
        return at >= 0 ? Prefix + at : throw new ArgumentException($"'{wireName}' is not a choice of {column}.", nameof(wireName));
    }

    /// <summary>The wire name for what Dataverse returned (an option value as text, or already a name).</summary>
    public static string? ToName(string column, string? returned)
    {
        if (string.IsNullOrWhiteSpace(returned))
        {
            return null;
        }

        var names = Columns[column];
        return int.TryParse(returned, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value - Prefix is var at && at >= 0 && at < names.Length
            ? names[at]
            : returned;
    }
}
