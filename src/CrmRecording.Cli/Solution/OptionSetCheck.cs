namespace CrmRecording.Cli.Solution;

/// <summary>OptionSets/*.xml: global choices, named after their file, prefixed, with prefixed option values.</summary>
internal static class OptionSetCheck
{
    public static void Run(SolutionSource source, SolutionIdentity identity, List<SourceProblem> problems)
    {
        foreach (var document in source.OptionSets)
        {
            var root = document.Root;
            var name = root.Attribute("Name")?.Value;
            var where = $"<optionset Name=\"{name}\">";
            if (root.Name.LocalName != "optionset" || string.IsNullOrWhiteSpace(name))
            {
                problems.Add(SourceProblem.At(document, root, $"<{root.Name.LocalName}>", "the root must be <optionset Name=\"...\">."));
                continue;
            }

            if (!string.Equals(document.Path, $"OptionSets/{name}.xml", StringComparison.Ordinal))
            {
                problems.Add(SourceProblem.At(document, root, where, $"SolutionPackager names the file after the choice: OptionSets/{name}.xml."));
            }

            if (!name.StartsWith(identity.SchemaPrefix, StringComparison.Ordinal))
            {
                problems.Add(SourceProblem.At(document, root, where, $"a global choice's name must start with the publisher prefix {identity.SchemaPrefix}."));
            }

            if (root.Element("OptionSetType")?.Value != "picklist" || root.Element("IsGlobal")?.Value != "1")
            {
                problems.Add(SourceProblem.At(document, root, where, "a global choice needs <OptionSetType>picklist</OptionSetType> and <IsGlobal>1</IsGlobal>."));
            }

            OptionRules.CheckPicklistOptions(document, root, where, identity, problems);
        }
    }
}
