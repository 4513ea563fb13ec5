using CrmRecording.Plugins.Registration;

namespace CrmRecording.Plugins;

/// <summary>A thin, stateless server-side step: maps the event to domain input, asks the consent engine, writes back.</summary>
public interface IPluginStep
{
    /// <summary>Every registration this step handles (e.g. Create and Update of contact and lead).</summary>
    IReadOnlyList<StepRegistration> Registrations { get; }

    Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken = default);
}
