namespace CrmRecording.Cli.Salesforce;

/// <summary>
/// <c>crmrec salesforce pack</c>: validates the sfdx source offline, converts it with Salesforce's own CLI, checks the
/// converted package.xml lists every component of the source, and writes the deployable zip, only when all is well.
/// </summary>
internal static class SalesforcePacker
{
    /// <exception cref="UsageException">The source or tools are not there.</exception>
    public static SalesforcePackOutcome Pack(string sourceFolder, string output, string? toolsFolder, string workingDirectory)
    {
        var root = Path.GetFullPath(sourceFolder, workingDirectory);
        if (!Directory.Exists(root))
        {
            throw new UsageException($"--source: {root} is not a folder.");
        }

        output = Path.GetFullPath(output, workingDirectory);
        if (Directory.Exists(output))
        {
            throw new UsageException($"--out: {output} is a folder; name the zip file to write.");
        }

        var problems = new List<PackageProblem>();
        var source = SalesforceValidator.Validate(root, problems);
        if (problems.Count > 0)
        {
            return new SalesforcePackOutcome.Invalid(root, problems);
        }

        var tools = SalesforceTools.Locate(toolsFolder is null ? null : Path.GetFullPath(toolsFolder, workingDirectory), workingDirectory);
        ApexCheck.Run(source, tools, problems);
        if (problems.Count > 0)
        {
            return new SalesforcePackOutcome.Invalid(root, problems);
        }

        var converted = SourceConverter.Convert(source, tools);
        try
        {
            var packaged = SourceConverter.Counts(Path.Combine(converted, "package.xml"));
            var expected = SalesforceValidator.ExpectedCounts(source);
            foreach (var type in expected.Keys.Union(packaged.Keys).Order(StringComparer.Ordinal))
            {
                var (want, got) = (expected.GetValueOrDefault(type), packaged.GetValueOrDefault(type));
                if (want != got)
                {
                    problems.Add(new PackageProblem("package.xml", null, $"sf project convert source packaged {got} {type}, the source has {want}."));
                }
            }

            if (problems.Count > 0)
            {
                return new SalesforcePackOutcome.Invalid(root, problems);
            }

            Solution.AtomicZipWriter.Write(output, Entries(converted));
            return new SalesforcePackOutcome.Packed(output, packaged);
        }
        finally
        {
            Directory.Delete(converted, recursive: true);
        }
    }

    /// <summary>The converted tree, in ordinal order so the same source packs to the same bytes.</summary>
    private static IEnumerable<Solution.PackageEntry> Entries(string folder) => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
        .Select(f => (Name: Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'), Path: f))
        .OrderBy(f => f.Name, StringComparer.Ordinal)
        .Select(f => new Solution.PackageEntry(f.Name, File.ReadAllBytes(f.Path)));
}
