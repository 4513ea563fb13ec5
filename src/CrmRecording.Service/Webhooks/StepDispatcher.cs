using CrmRecording.Plugins;
using CrmRecording.Plugins.Registration;

namespace CrmRecording.Service.Webhooks;

/// <summary>Finds the step registered for an event (message, table, stage) and runs it.</summary>
internal sealed class StepDispatcher(IEnumerable<IPluginStep> steps)
{
    private readonly (StepRegistration Registration, IPluginStep Step)[] _routes =
        steps.SelectMany(s => s.Registrations.Select(r => (r, s))).ToArray();

    public (StepRegistration Registration, IPluginStep Step)? Find(StepContext context)
    {
        foreach (var route in _routes)
        {
            if (route.Registration.Matches(context.Message, context.Table, context.Stage))
            {
                return route;
            }
        }

        return null;
    }
}
