namespace CrmRecording.Cli.Salesforce;

/// <summary>The result of a pack: a written package, or the reasons the source cannot be packed (nothing written).</summary>
internal abstract record SalesforcePackOutcome
{
    private SalesforcePackOutcome()
    {
    }

    /// <param name="Counts">Components by Metadata API type, as package.xml lists them.</param>
    public sealed record Packed(string Path, IReadOnlyDictionary<string, int> Counts) : SalesforcePackOutcome;

    /// <param name="Source">The sfdx project folder the problems' paths are relative to.</param>
    public sealed record Invalid(string Source, IReadOnlyList<PackageProblem> Problems) : SalesforcePackOutcome;
}
