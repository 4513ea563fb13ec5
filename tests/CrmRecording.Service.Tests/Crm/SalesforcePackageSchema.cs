using System.Xml.Linq;

namespace CrmRecording.Service.Tests.Crm;

/// <summary>The custom objects and fields of the sfdx package (solution-package/salesforce), read from its source files.</summary>
internal sealed class SalesforcePackageSchema
{
    private static readonly XNamespace Md = "http://soap.sforce.com/2006/04/metadata";

    private SalesforcePackageSchema(HashSet<string> objects, Dictionary<(string Object, string Field), XElement> fields)
    {
        Objects = objects;
        Fields = fields;
    }

    /// <summary>Objects the package defines (custom) or extends (Contact, Lead).</summary>
    public IReadOnlySet<string> Objects { get; }

    public IReadOnlyDictionary<(string Object, string Field), XElement> Fields { get; }

    public static SalesforcePackageSchema Load()
    {
        var objects = Path.Combine(RepositoryRoot(), "solution-package", "salesforce", "force-app", "main", "default", "objects");
        var fields = Directory.EnumerateFiles(objects, "*.field-meta.xml", SearchOption.AllDirectories)
            .ToDictionary(f => (Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(f)))!, Path.GetFileName(f)[..^".field-meta.xml".Length]), f => XDocument.Load(f).Root!);
        return new SalesforcePackageSchema(Directory.GetDirectories(objects).Select(d => Path.GetFileName(d)!).ToHashSet(StringComparer.Ordinal), fields);
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "solution-package", "salesforce", "sfdx-project.json")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No solution-package/salesforce above {AppContext.BaseDirectory}.");
    }

    public static string? Text(XElement field, string child) => field.Element(Md + child)?.Value.Trim();

    /// <summary>The API values of a picklist field, and whether it refuses others.</summary>
    public static (IReadOnlySet<string> Values, bool Restricted) Picklist(XElement field)
    {
        var set = field.Element(Md + "valueSet")!;
        return (set.Descendants(Md + "value").Select(v => Text(v, "fullName")!).ToHashSet(StringComparer.Ordinal), Text(set, "restricted") == "true");
    }
}
