namespace CrmRecording.Cli.Salesforce;

/// <summary>An sfdx project read from disk: its folder, package directories and every metadata file recognised in them.</summary>
internal sealed class PackageSource
{
    public required string Root { get; init; }

    /// <summary>The package directories named in sfdx-project.json, relative to <see cref="Root"/>.</summary>
    public required IReadOnlyList<string> PackageDirectories { get; init; }

    public required IReadOnlyList<MetadataFile> Files { get; init; }

    /// <summary>The metadata XML files (not content files) of one type, that parsed.</summary>
    public IEnumerable<MetadataFile> OfType(string type) => Files.Where(f => f.Type == type && !f.IsContent && f.Document is not null);

    /// <summary>Components by type, as package.xml counts them (a bundle once, a class once).</summary>
    public IReadOnlyDictionary<string, int> ComponentCounts() => Files
        .Where(f => !f.IsContent)
        .GroupBy(f => f.PackageType, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(f => f.Member).Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);
}
