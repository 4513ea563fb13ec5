using System.Globalization;
using System.Xml.Linq;

namespace CrmRecording.Cli.Solution;

/// <summary>Other/Solution.xml agrees with pac.config on who the solution and its publisher are, and is packable.</summary>
internal static class ManifestCheck
{
    public static void Run(SolutionSource source, SolutionIdentity identity, string configPath, List<SourceProblem> problems)
    {
        if (source.Manifest is not { } manifest)
        {
            return;
        }

        var root = manifest.Root;
        if (root.Name.LocalName != "ImportExportXml" || root.Element("SolutionManifest") is not { } solution)
        {
            problems.Add(SourceProblem.At(manifest, root, $"<{root.Name.LocalName}>", "the root must be <ImportExportXml> holding <SolutionManifest>."));
            return;
        }

        Expect(manifest, solution, "UniqueName", identity.UniqueName, $"solution.uniqueName in {configPath}", problems);
        var name = solution.Element("LocalizedNames")?.Elements("LocalizedName").FirstOrDefault(n => n.Attribute("languagecode")?.Value == "1033");
        if (name?.Attribute("description")?.Value != identity.DisplayName)
        {
            problems.Add(SourceProblem.At(manifest, name ?? solution, "<LocalizedName languagecode=\"1033\">",
                $"description is '{name?.Attribute("description")?.Value}', but solution.displayName in {configPath} is '{identity.DisplayName}'."));
        }

        var version = solution.Element("Version");
        if (!SolutionVersion.TryParse(version?.Value, out _))
        {
            problems.Add(SourceProblem.At(manifest, version ?? solution, "<Version>", $"'{version?.Value}' is not a version; write it as {SolutionVersion.Format}."));
        }

        var managed = solution.Element("Managed");
        if (managed?.Value.Trim() != "0")
        {
            problems.Add(SourceProblem.At(manifest, managed ?? solution, "<Managed>", $"is '{managed?.Value}' but must be 0 in source: pack --managed sets it in the package."));
        }

        if (solution.Element("Publisher") is not { } publisher)
        {
            problems.Add(SourceProblem.At(manifest, solution, "<Publisher>", "missing."));
        }
        else
        {
            Expect(manifest, publisher, "UniqueName", identity.PublisherUniqueName, $"solution.publisherUniqueName in {configPath}", problems, "Publisher/");
            Expect(manifest, publisher, "CustomizationPrefix", identity.CustomizationPrefix, $"solution.customizationPrefix in {configPath}", problems, "Publisher/");
            Expect(manifest, publisher, "CustomizationOptionValuePrefix", identity.CustomizationOptionValuePrefix.ToString(CultureInfo.InvariantCulture),
                $"solution.customizationOptionValuePrefix in {configPath}", problems, "Publisher/");
        }

        if (solution.Element("RootComponents") is null)
        {
            problems.Add(SourceProblem.At(manifest, solution, "<RootComponents>", "missing; list every component the solution carries."));
        }
    }

    private static void Expect(SourceDocument manifest, XElement parent, string element, string expected, string source, List<SourceProblem> problems, string path = "")
    {
        var actual = parent.Element(element);
        if (actual?.Value.Trim() != expected)
        {
            problems.Add(SourceProblem.At(manifest, actual ?? parent, $"<{path}{element}>", $"is '{actual?.Value.Trim()}', but {source} is '{expected}'."));
        }
    }
}
