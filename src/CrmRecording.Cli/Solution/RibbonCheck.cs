namespace CrmRecording.Cli.Solution;

/// <summary>
/// Entities/*/RibbonDiff.xml: the command bar additions of a declared table, whose buttons run commands defined in
/// the file, whose commands use rules defined in the file, and whose scripts are web resources in the solution.
/// </summary>
internal static class RibbonCheck
{
    private const string LibraryPrefix = "$webresource:";

    public static void Run(SolutionSource source, SourceCatalog catalog, List<SourceProblem> problems)
    {
        foreach (var document in source.Ribbons)
        {
            var root = document.Root;
            if (root.Name.LocalName != "RibbonDiffXml")
            {
                problems.Add(SourceProblem.At(document, root, $"<{root.Name.LocalName}>", "the root must be <RibbonDiffXml>."));
                continue;
            }

            if (!catalog.Tables.ContainsKey(SolutionSource.TableFolder(document)))
            {
                problems.Add(SourceProblem.At(document, root, "<RibbonDiffXml>", $"Entities/{SolutionSource.TableFolder(document)}/Entity.xml is missing: a command bar belongs to a table the solution declares."));
            }

            var commands = root.Element("CommandDefinitions")?.Elements("CommandDefinition").Select(c => c.Attribute("Id")?.Value).OfType<string>().ToHashSet(StringComparer.Ordinal) ?? [];
            foreach (var button in root.Descendants().Where(e => e.Attribute("Command") is not null && e.Ancestors("CommandUIDefinition").Any()))
            {
                var command = button.Attribute("Command")!.Value;
                if (!commands.Contains(command))
                {
                    problems.Add(SourceProblem.At(document, button, SolutionXml.Describe(button, "Id", "Command"), $"no <CommandDefinition Id=\"{command}\"> in this file."));
                }
            }

            var rules = root.Element("RuleDefinitions");
            foreach (var kind in new[] { "EnableRule", "DisplayRule" })
            {
                var defined = rules?.Descendants(kind).Where(r => r.HasElements).Select(r => r.Attribute("Id")?.Value).OfType<string>().ToHashSet(StringComparer.Ordinal) ?? [];
                foreach (var used in root.Element("CommandDefinitions")?.Descendants(kind) ?? [])
                {
                    var id = used.Attribute("Id")?.Value ?? string.Empty;
                    if (!id.StartsWith("Mscrm.", StringComparison.Ordinal) && !defined.Contains(id))
                    {
                        problems.Add(SourceProblem.At(document, used, SolutionXml.Describe(used, "Id"), $"no <{kind} Id=\"{id}\"> under <RuleDefinitions> in this file."));
                    }
                }
            }

            foreach (var script in root.Descendants().Where(e => e.Attribute("Library") is not null))
            {
                var library = script.Attribute("Library")!.Value;
                var name = library.StartsWith(LibraryPrefix, StringComparison.Ordinal) ? library[LibraryPrefix.Length..] : library;
                if (!catalog.WebResources.Contains(name))
                {
                    problems.Add(SourceProblem.At(document, script, SolutionXml.Describe(script, "FunctionName", "Library"), $"{name} is not a web resource in WebResources/."));
                }
            }

            foreach (var label in root.Descendants().SelectMany(e => e.Attributes()).Where(a => a.Value.StartsWith("$LocLabels:", StringComparison.Ordinal)))
            {
                var id = label.Value["$LocLabels:".Length..];
                if (!(root.Element("LocLabels")?.Elements("LocLabel").Any(l => l.Attribute("Id")?.Value == id) ?? false))
                {
                    problems.Add(SourceProblem.At(document, label.Parent, $"{SolutionXml.Describe(label.Parent!, "Id")} {label.Name}", $"no <LocLabel Id=\"{id}\"> in this file."));
                }
            }
        }
    }
}
