using CrmRecording.Cli.Solution;

namespace CrmRecording.Cli.Dataverse;

/// <summary>The id the solution gives the webhook (PluginAssemblies/ServiceEndpoints.xml), so registering updates the imported endpoint.</summary>
internal static class ServiceEndpointIds
{
    private const string File = "PluginAssemblies/ServiceEndpoints.xml";

    /// <exception cref="UsageException">The source is missing or declares no endpoint named in pac.config.</exception>
    public static Guid Read(PacConfig config)
    {
        var source = Path.GetFullPath(config.SourceFolder, config.Directory);
        var problems = new List<SourceProblem>();
        var document = Directory.Exists(source) ? SolutionSourceReader.Parse(source, File, problems) : null;
        var id = document?.Root.Elements("ServiceEndpoint")
            .Where(e => string.Equals(e.Attribute("Name")?.Value, config.ServiceEndpointName, StringComparison.Ordinal))
            .Select(e => SolutionXml.Guid(e.Attribute("ServiceEndpointId")?.Value))
            .FirstOrDefault();
        return id ?? throw new UsageException(
            $"{config.Path}: webhook.serviceEndpoint: no service endpoint named '{config.ServiceEndpointName}' with an id in {Path.Combine(source, File)}{(problems.Count > 0 ? $" ({problems[0]})" : string.Empty)}.");
    }
}
