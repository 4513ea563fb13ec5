namespace CrmRecording.Cli.Solution;

/// <summary>Who the solution is and who publishes it, as pac.config declares it; Other/Solution.xml must agree.</summary>
internal sealed record SolutionIdentity(
    string UniqueName,
    string DisplayName,
    SolutionVersion Version,
    string PublisherUniqueName,
    string CustomizationPrefix,
    int CustomizationOptionValuePrefix)
{
    /// <summary>The schema-name prefix, e.g. <c>crr_</c>.</summary>
    public string SchemaPrefix => CustomizationPrefix + "_";

    /// <summary>True when a choice value carries the publisher's option value prefix (10734 → 107340000–107349999).</summary>
    public bool IsPrefixedOptionValue(long value) => value / 10_000 == CustomizationOptionValuePrefix;
}
