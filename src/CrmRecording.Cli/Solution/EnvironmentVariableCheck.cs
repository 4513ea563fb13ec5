namespace CrmRecording.Cli.Solution;

/// <summary>environmentvariabledefinitions/&lt;schema name&gt;/environmentvariabledefinition.xml: prefixed, typed, in the folder of its name.</summary>
internal static class EnvironmentVariableCheck
{
    /// <summary>String, Number, Boolean, JSON, Data source, Secret.</summary>
    private static readonly int[] Types = [100000000, 100000001, 100000002, 100000003, 100000004, 100000005];

    public static void Run(SolutionSource source, SolutionIdentity identity, List<SourceProblem> problems)
    {
        foreach (var document in source.EnvironmentVariables)
        {
            var root = document.Root;
            var name = root.Attribute("schemaname")?.Value;
            var where = $"<environmentvariabledefinition schemaname=\"{name}\">";
            if (root.Name.LocalName != "environmentvariabledefinition" || string.IsNullOrWhiteSpace(name))
            {
                problems.Add(SourceProblem.At(document, root, $"<{root.Name.LocalName}>", "the root must be <environmentvariabledefinition schemaname=\"...\">."));
                continue;
            }

            if (!string.Equals(document.Path, $"environmentvariabledefinitions/{name}/environmentvariabledefinition.xml", StringComparison.Ordinal))
            {
                problems.Add(SourceProblem.At(document, root, where, $"the folder must be named after the schema name: environmentvariabledefinitions/{name}/."));
            }

            if (!name.StartsWith(identity.SchemaPrefix, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(SourceProblem.At(document, root, where, $"the schema name must start with the publisher prefix {identity.SchemaPrefix}."));
            }

            if (SolutionXml.Int(root.Element("type")?.Value) is not { } type || !Types.Contains(type))
            {
                problems.Add(SourceProblem.At(document, root.Element("type") ?? root, $"{where} <type>", $"must be one of {string.Join(", ", Types)} (string, number, boolean, JSON, data source, secret)."));
            }

            if (root.Element("displayname") is null)
            {
                problems.Add(SourceProblem.At(document, root, where, "needs a <displayname>."));
            }
        }
    }
}
