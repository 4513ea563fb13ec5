using CrmRecording.Plugins.Registration;

namespace CrmRecording.Cli.Solution;

/// <summary>
/// The steps are generated from <c>PluginCatalog.Registrations</c>, never written by hand: a file under
/// SdkMessageProcessingSteps/ is an error. Each generated step must run on a declared service endpoint, on a
/// table the solution declares, watching columns that exist.
/// </summary>
internal static class StepCheck
{
    public const string Origin = "PluginCatalog.Registrations";

    public static void Run(SolutionSource source, SourceCatalog catalog, SolutionIdentity identity, IReadOnlyList<GeneratedStep> steps, List<SourceProblem> problems)
    {
        foreach (var file in source.StepFiles)
        {
            problems.Add(new SourceProblem(file, null, "file", $"steps are generated from {Origin} at pack time; declare the step on its plugin (Declared) and delete this file."));
        }

        var endpoints = catalog.ServiceEndpoints.Values.ToHashSet();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            var r = step.Registration;
            var where = $"<SdkMessageProcessingStep Name=\"{r.Name}\">";
            if (!names.Add(r.Name))
            {
                problems.Add(new SourceProblem(Origin, null, where, "two registrations share this name, so they would share one step id; names must be unique."));
            }

            if (SdkMessages.IdOf(r.Message) is null)
            {
                problems.Add(new SourceProblem(Origin, null, where, $"message '{r.Message}' has no sdkmessageid on file (known: {SdkMessages.Known})."));
            }

            if (r.Mode == StepMode.Asynchronous && r.Stage != StepStage.PostOperation)
            {
                problems.Add(new SourceProblem(Origin, null, where, $"an asynchronous step can only run in PostOperation (40), not {r.Stage} ({(int)r.Stage})."));
            }

            // An unresolved handler (Guid.Empty) is reported once, by ServiceEndpointCheck, against pac.config.
            if (SolutionXml.Guid(step.Xml.Element("EventHandler")?.Value) is { } handler && handler != Guid.Empty && !endpoints.Contains(handler))
            {
                problems.Add(new SourceProblem(Origin, null, where, $"its handler {step.Xml.Element("EventHandler")?.Value} is not a service endpoint declared in PluginAssemblies/ServiceEndpoints.xml."));
            }

            if (!catalog.Tables.TryGetValue(r.Table, out var table))
            {
                problems.Add(new SourceProblem(Origin, null, where, $"table '{r.Table}' is not declared in Entities/, so the solution does not carry the columns the step reads."));
                continue;
            }

            foreach (var column in r.FilteringAttributes.Concat(r.Images.SelectMany(i => i.Attributes)).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (column.StartsWith(identity.SchemaPrefix, StringComparison.OrdinalIgnoreCase) && !table.Columns.ContainsKey(column))
                {
                    problems.Add(new SourceProblem(Origin, null, where, $"watches column {column}, which {table.Document.Path} does not declare."));
                }
            }
        }
    }
}
