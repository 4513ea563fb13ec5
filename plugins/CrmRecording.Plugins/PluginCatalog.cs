using CrmRecording.Plugins.Registration;
using CrmRecording.Plugins.Steps;

namespace CrmRecording.Plugins;

/// <summary>Every step's registration, declared once: the source for the solution's steps and for dispatch.</summary>
public static class PluginCatalog
{
    public static IReadOnlyList<StepRegistration> Registrations { get; } =
        [.. ContactEnrichmentStep.Declared, .. RecordingGateStep.Declared, .. ConsentLogWriteBackStep.Declared];

    /// <summary>The registration matching an event, or null when no step handles it.</summary>
    public static StepRegistration? Find(string message, string table, StepStage stage) =>
        Registrations.FirstOrDefault(r => r.Matches(message, table, stage));
}
