using CrmRecording.Plugins;
using CrmRecording.Plugins.Registration;

namespace CrmRecording.Cli.Solution;

/// <summary>What <c>crmrec solution pack</c> was asked to do, with paths as given on the command line.</summary>
internal sealed record PackRequest(string Output, bool Managed, string? Version, string? Source, string? Config, string WorkingDirectory)
{
    /// <summary>The step declarations to generate steps from: the plugins' own, unless a test supplies others.</summary>
    public IReadOnlyList<StepRegistration> Registrations { get; init; } = PluginCatalog.Registrations;
}
