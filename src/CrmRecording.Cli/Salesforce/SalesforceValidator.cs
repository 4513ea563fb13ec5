namespace CrmRecording.Cli.Salesforce;

/// <summary>The offline checks, in order: files (known type, well-formed, Apex pairs), then cross references.</summary>
internal static class SalesforceValidator
{
    public static PackageSource Validate(string root, List<PackageProblem> problems)
    {
        var source = PackageSourceReader.Read(root, problems);
        if (problems.Count > 0)
        {
            // Files that cannot be read make every cross-file check noisy; report them alone first.
            return source;
        }

        OrderCheck.Run(source, problems);
        var schema = SchemaIndex.Build(source);
        ReferenceCheck.Run(source, schema, problems);
        FlowCheck.Run(source, schema, problems);
        FlexiPageCheck.Run(source, schema, problems);
        ReportCheck.Run(source, schema, problems);
        return source;
    }

    /// <summary>What package.xml must list: the source's components, plus each workflow's actions and rules as their own members.</summary>
    public static Dictionary<string, int> ExpectedCounts(PackageSource source)
    {
        var counts = new Dictionary<string, int>(source.ComponentCounts(), StringComparer.Ordinal);
        foreach (var (element, type) in WorkflowChildren)
        {
            var n = source.OfType("Workflow").Sum(w => w.Root.Elements(PackageSourceReader.Metadata + element).Count());
            if (n > 0)
            {
                counts[type] = n;
            }
        }

        return counts;
    }

    private static readonly (string Element, string Type)[] WorkflowChildren =
    [
        ("alerts", "WorkflowAlert"), ("fieldUpdates", "WorkflowFieldUpdate"), ("outboundMessages", "WorkflowOutboundMessage"),
        ("rules", "WorkflowRule"), ("tasks", "WorkflowTask"),
    ];
}
