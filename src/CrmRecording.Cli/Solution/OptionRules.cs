using System.Xml.Linq;

namespace CrmRecording.Cli.Solution;

/// <summary>What every choice's options must satisfy, global or local.</summary>
internal static class OptionRules
{
    /// <summary>Checks the &lt;options&gt; of a picklist option set: present, labelled, unique, carrying the publisher's option value prefix.</summary>
    public static void CheckPicklistOptions(SourceDocument document, XElement optionSet, string owner, SolutionIdentity identity, List<SourceProblem> problems)
    {
        var options = optionSet.Element("options")?.Elements("option").ToList() ?? [];
        if (options.Count == 0)
        {
            problems.Add(SourceProblem.At(document, optionSet, owner, "the choice has no <options>."));
            return;
        }

        var seen = new HashSet<int>();
        foreach (var option in options)
        {
            var text = option.Attribute("value")?.Value;
            if (SolutionXml.Int(text) is not { } value)
            {
                problems.Add(SourceProblem.At(document, option, $"{owner} <option value=\"{text}\">", "the value is not an integer."));
                continue;
            }

            if (!seen.Add(value))
            {
                problems.Add(SourceProblem.At(document, option, $"{owner} <option value=\"{text}\">", "the value is used twice."));
            }

            if (!identity.IsPrefixedOptionValue(value))
            {
                problems.Add(SourceProblem.At(document, option, $"{owner} <option value=\"{text}\">",
                    $"the value lacks the publisher's option value prefix {identity.CustomizationOptionValuePrefix} ({identity.CustomizationOptionValuePrefix}0000-{identity.CustomizationOptionValuePrefix}9999)."));
            }

            if (!option.Element("labels")?.Elements("label").Any(l => !string.IsNullOrWhiteSpace(l.Attribute("description")?.Value)) ?? true)
            {
                problems.Add(SourceProblem.At(document, option, $"{owner} <option value=\"{text}\">", "the option has no label."));
            }
        }
    }
}
