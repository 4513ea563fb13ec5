using System.Xml;
using System.Xml.Linq;

namespace CrmRecording.Cli.Solution;

/// <summary>Reads an unpacked solution folder (SolutionPackager layout) into a <see cref="SolutionSource"/>.</summary>
internal static class SolutionSourceReader
{
    private static readonly string[] PackedFolders = ["Dashboards", "Entities", "environmentvariabledefinitions", "OptionSets", "Other", "PluginAssemblies", "Roles", "SdkMessageProcessingSteps", "WebResources"];

    private static readonly string[] OtherFiles = ["Other/Customizations.xml", "Other/Relationships.xml", "Other/Solution.xml"];

    public static SolutionSource Read(string root, List<SourceProblem> problems)
    {
        root = Path.GetFullPath(root);
        foreach (var stray in Directory.EnumerateFileSystemEntries(root).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal))
        {
            if (!PackedFolders.Contains(stray, StringComparer.Ordinal) || File.Exists(Path.Combine(root, stray)))
            {
                problems.Add(new SourceProblem(stray, null, "folder", $"not part of the layout crmrec packs ({string.Join(", ", PackedFolders)}); move or delete it."));
            }
        }

        foreach (var other in Files(root, "Other").Where(f => !OtherFiles.Contains(f, StringComparer.Ordinal) && !f.StartsWith("Other/Relationships/", StringComparison.Ordinal)))
        {
            problems.Add(new SourceProblem(other, null, "file", "not a file crmrec packs (Other/ holds Solution.xml, Customizations.xml, Relationships.xml and Relationships/)."));
        }

        var entityFiles = Files(root, "Entities").ToList();
        foreach (var extra in entityFiles.Where(f => EntityPart(f) is null))
        {
            problems.Add(new SourceProblem(extra, null, "file",
                "crmrec packs each table's Entity.xml (columns), FormXml/<type>/{id}.xml (forms), SavedQueries/{id}.xml (views), Visualizations/{id}.xml (charts) and RibbonDiff.xml (command bar); this file would be dropped."));
        }

        foreach (var extra in Files(root, "PluginAssemblies").Where(f => f != "PluginAssemblies/ServiceEndpoints.xml"))
        {
            problems.Add(new SourceProblem(extra, null, "file", "the steps run as webhooks, so no plug-in assembly is packed; only PluginAssemblies/ServiceEndpoints.xml is."));
        }

        var dashboardFiles = Files(root, "Dashboards").ToList();
        foreach (var extra in dashboardFiles.Where(f => f.Split('/').Length != 2 || !IsXml(f)))
        {
            problems.Add(new SourceProblem(extra, null, "file", "crmrec packs Dashboards/{id}.xml, one dashboard a file; this file would be dropped."));
        }

        var webResourceFiles = Files(root, "WebResources").ToList();
        return new SolutionSource
        {
            Root = root,
            Manifest = Required(root, "Other/Solution.xml", problems),
            Customizations = Required(root, "Other/Customizations.xml", problems),
            Entities = Load(root, entityFiles.Where(f => EntityPart(f) == "Entity"), problems),
            Forms = Load(root, entityFiles.Where(f => EntityPart(f) == "FormXml"), problems),
            Views = Load(root, entityFiles.Where(f => EntityPart(f) == "SavedQueries"), problems),
            Charts = Load(root, entityFiles.Where(f => EntityPart(f) == "Visualizations"), problems),
            Dashboards = Load(root, dashboardFiles.Where(f => f.Split('/').Length == 2 && IsXml(f)), problems),
            Ribbons = Load(root, entityFiles.Where(f => EntityPart(f) == "RibbonDiff"), problems),
            RelationshipIndex = Optional(root, "Other/Relationships.xml", problems),
            Relationships = Load(root, Files(root, "Other/Relationships").Where(IsXml), problems),
            OptionSets = Load(root, Files(root, "OptionSets").Where(IsXml), problems),
            Roles = Load(root, Files(root, "Roles").Where(IsXml), problems),
            WebResources = Load(root, webResourceFiles.Where(f => f.EndsWith(".data.xml", StringComparison.Ordinal)), problems),
            WebResourceFiles = [.. webResourceFiles.Where(f => !f.EndsWith(".data.xml", StringComparison.Ordinal))],
            ServiceEndpoints = Optional(root, "PluginAssemblies/ServiceEndpoints.xml", problems),
            EnvironmentVariables = Load(root, Files(root, "environmentvariabledefinitions").Where(f => f.EndsWith("/environmentvariabledefinition.xml", StringComparison.Ordinal)), problems),
            StepFiles = [.. Files(root, "SdkMessageProcessingSteps")],
        };
    }

    /// <summary>Parses one file; a file that is not well-formed XML becomes a problem naming its line.</summary>
    public static SourceDocument? Parse(string root, string relativePath, List<SourceProblem> problems)
    {
        try
        {
            var document = XDocument.Load(Path.Combine(root, relativePath), LoadOptions.SetLineInfo);
            if (document.Root is null)
            {
                problems.Add(new SourceProblem(relativePath, null, "document", "has no root element."));
                return null;
            }

            return new SourceDocument(relativePath, document);
        }
        catch (XmlException ex)
        {
            problems.Add(new SourceProblem(relativePath, ex.LineNumber, "document", $"not well-formed XML: {ex.Message}"));
            return null;
        }
    }

    private static bool IsXml(string path) => path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// What a file under Entities/ is in SolutionPackager's layout: Entities/T/Entity.xml, Entities/T/RibbonDiff.xml,
    /// Entities/T/FormXml/&lt;type&gt;/&lt;id&gt;.xml, Entities/T/SavedQueries/&lt;id&gt;.xml, Entities/T/Visualizations/&lt;id&gt;.xml;
    /// null for anything else.
    /// </summary>
    private static string? EntityPart(string path) => path.Split('/') switch
    {
        ["Entities", _, "Entity.xml"] => "Entity",
        ["Entities", _, "RibbonDiff.xml"] => "RibbonDiff",
        ["Entities", _, "FormXml", _, var name] when IsXml(name) => "FormXml",
        ["Entities", _, "SavedQueries", var name] when IsXml(name) => "SavedQueries",
        ["Entities", _, "Visualizations", var name] when IsXml(name) => "Visualizations",
        _ => null,
    };

    private static SourceDocument? Required(string root, string relativePath, List<SourceProblem> problems)
    {
        if (!File.Exists(Path.Combine(root, relativePath)))
        {
            problems.Add(new SourceProblem(relativePath, null, "file", "missing; every solution has one."));
            return null;
        }

        return Parse(root, relativePath, problems);
    }

    private static SourceDocument? Optional(string root, string relativePath, List<SourceProblem> problems) =>
        File.Exists(Path.Combine(root, relativePath)) ? Parse(root, relativePath, problems) : null;

    private static List<SourceDocument> Load(string root, IEnumerable<string> relativePaths, List<SourceProblem> problems) =>
        [.. relativePaths.Select(p => Parse(root, p, problems)).OfType<SourceDocument>()];

    /// <summary>Files under a folder, recursively, as '/'-separated paths relative to the root, in ordinal order.</summary>
    private static IEnumerable<string> Files(string root, string folder)
    {
        var directory = Path.Combine(root, folder);
        return Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
                .Order(StringComparer.Ordinal)
            : [];
    }
}
