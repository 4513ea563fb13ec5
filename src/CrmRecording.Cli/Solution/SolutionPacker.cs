namespace CrmRecording.Cli.Solution;

/// <summary>
/// Packs the unpacked solution into an importable zip: reads pac.config, reads and validates the source,
/// generates the steps, and writes the zip atomically, only when nothing is wrong.
/// </summary>
internal static class SolutionPacker
{
    /// <exception cref="UsageException">Bad input: the option or pac.config key is named.</exception>
    public static PackOutcome Pack(PackRequest request)
    {
        var configPath = request.Config is { } explicitConfig
            ? Path.GetFullPath(explicitConfig, request.WorkingDirectory)
            : PacConfig.Find(request.WorkingDirectory)
              ?? throw new UsageException($"--config: no {PacConfig.FileName} in {request.WorkingDirectory} or any folder above it; run from the repository or name the file.");
        if (!File.Exists(configPath))
        {
            throw new UsageException($"--config: {configPath} does not exist.");
        }

        var config = PacConfig.Load(configPath);
        var version = config.Identity.Version;
        if (request.Version is { } versionText && !SolutionVersion.TryParse(versionText, out version))
        {
            throw new UsageException($"--version: '{versionText}' is not a version; write it as {SolutionVersion.Format}.");
        }

        var source = request.Source is { } explicitSource
            ? Path.GetFullPath(explicitSource, request.WorkingDirectory)
            : Path.GetFullPath(config.SourceFolder, config.Directory);
        if (!Directory.Exists(source))
        {
            throw new UsageException($"{(request.Source is null ? $"sourceFolder in {config.Path}" : "--source")}: {source} is not a folder.");
        }

        var output = Path.GetFullPath(request.Output, request.WorkingDirectory);
        if (Directory.Exists(output))
        {
            throw new UsageException($"--out: {output} is a folder; name the zip file to write.");
        }

        var problems = new List<SourceProblem>();
        var solution = SolutionSourceReader.Read(source, problems);
        if (problems.Count > 0)
        {
            // Files that cannot be read make every cross-file check noisy; report them alone first.
            return new PackOutcome.Invalid(source, problems);
        }

        var catalog = SourceCatalog.Build(solution, config.Identity);
        var handler = catalog.ServiceEndpoints.TryGetValue(config.ServiceEndpointName, out var id) ? id : Guid.Empty;
        var steps = StepGenerator.Generate(request.Registrations, handler);
        SolutionCheck.Run(solution, catalog, config, steps, problems);
        if (problems.Count > 0)
        {
            return new PackOutcome.Invalid(source, problems);
        }

        AtomicZipWriter.Write(output, SolutionPackageBuilder.Build(solution, catalog, version, request.Managed, steps));
        return new PackOutcome.Packed(output, config.Identity.UniqueName, version, request.Managed,
        [
            ("table", catalog.Tables.Count),
            ("column", catalog.Tables.Values.Sum(t => t.Columns.Values.Count(c => c.Element("IsCustomField")?.Value == "1"))),
            ("choice", catalog.OptionSets.Count),
            ("role", catalog.Roles.Count),
            ("web resource", catalog.WebResources.Count),
            ("form", catalog.Forms.Count),
            ("view", catalog.Views.Count),
            ("chart", catalog.Charts.Count),
            ("dashboard", catalog.Dashboards.Count),
            ("service endpoint", catalog.ServiceEndpoints.Count),
            ("step", steps.Count),
            ("environment variable", catalog.EnvironmentVariables.Count),
        ]);
    }
}
