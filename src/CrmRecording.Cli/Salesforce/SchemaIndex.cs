using System.Xml.Linq;

namespace CrmRecording.Cli.Salesforce;

/// <summary>The objects and fields a package defines, over the standard ones it may name: what cross references resolve against.</summary>
internal sealed class SchemaIndex
{
    private readonly HashSet<string> _customObjects;
    private readonly Dictionary<string, Dictionary<string, XElement>> _fields;

    private SchemaIndex(HashSet<string> customObjects, Dictionary<string, Dictionary<string, XElement>> fields, HashSet<string> customPermissions, Dictionary<string, HashSet<string>> outboundMessages)
    {
        _customObjects = customObjects;
        _fields = fields;
        CustomPermissions = customPermissions;
        OutboundMessages = outboundMessages;
    }

    public IReadOnlySet<string> CustomPermissions { get; }

    /// <summary>Object → the outbound messages its workflow file defines.</summary>
    public IReadOnlyDictionary<string, HashSet<string>> OutboundMessages { get; }

    public static SchemaIndex Build(PackageSource source)
    {
        var fields = new Dictionary<string, Dictionary<string, XElement>>(StringComparer.Ordinal);
        foreach (var field in source.OfType("CustomField"))
        {
            if (!fields.TryGetValue(field.Parent!, out var byName))
            {
                fields[field.Parent!] = byName = new(StringComparer.Ordinal);
            }

            byName[field.Name] = field.Root;
        }

        var messages = source.OfType("Workflow").ToDictionary(
            w => w.Name,
            w => w.Root.Elements(PackageSourceReader.Metadata + "outboundMessages").Select(m => Text(m, "fullName")).OfType<string>().ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
        return new SchemaIndex(
            source.OfType("CustomObject").Select(o => o.Name).ToHashSet(StringComparer.Ordinal),
            fields,
            source.OfType("CustomPermission").Select(p => p.Name).ToHashSet(StringComparer.Ordinal),
            messages);
    }

    public bool HasObject(string name) => _customObjects.Contains(name) || StandardSchema.IsObject(name);

    /// <summary>A custom field (<c>__c</c>) must be in the package; any other name must be a standard field crmrec knows.</summary>
    public bool HasField(string obj, string field) => field.EndsWith("__c", StringComparison.Ordinal)
        ? _fields.TryGetValue(obj, out var byName) && byName.ContainsKey(field)
        : HasObject(obj) && StandardSchema.HasField(obj, field);

    /// <summary>The custom field's definition, or null for a standard field.</summary>
    public XElement? Field(string obj, string field) => _fields.GetValueOrDefault(obj)?.GetValueOrDefault(field);

    /// <summary>Whether <paramref name="relationship"/> (<c>Call_Recordings__r</c>) is a lookup to <paramref name="parent"/> some package object defines.</summary>
    public bool HasChildRelationship(string parent, string relationship) =>
        relationship.EndsWith("__r", StringComparison.Ordinal)
        && _fields.Values.SelectMany(f => f.Values).Any(f => Text(f, "referenceTo") == parent && Text(f, "relationshipName") + "__r" == relationship);

    public static string? Text(XElement element, string child) => element.Element(PackageSourceReader.Metadata + child)?.Value.Trim();
}
