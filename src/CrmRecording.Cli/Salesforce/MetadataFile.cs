using System.Xml.Linq;

namespace CrmRecording.Cli.Salesforce;

/// <summary>
/// One file of the sfdx source: its path relative to the package folder, the metadata type it is (by folder and
/// suffix), the component's name and, for a type that lives under an object (a field, a list view), that object.
/// <see cref="Document"/> is set for a metadata XML file that parsed.
/// </summary>
/// <param name="Type">The Metadata API type name (<c>CustomField</c>, <c>Flow</c>...); for a content file (an Apex
/// body, a bundle's script) the type of the component it belongs to.</param>
/// <param name="IsContent">A component's body (<c>.cls</c>, <c>.trigger</c>, a bundle's file) rather than its <c>-meta.xml</c>.</param>
internal sealed record MetadataFile(string Path, string Type, string Name, string? Parent, bool IsContent)
{
    public XDocument? Document { get; init; }

    /// <summary>The type package.xml lists the component under when it is not its own: a report folder is a
    /// <c>Report</c> member, a dashboard folder a <c>Dashboard</c> one.</summary>
    public string PackageType { get; init; } = Type;

    public XElement Root => Document!.Root!;

    /// <summary>The component as package.xml names it: <c>Contact.Phone_E164__c</c> for a child, else the name
    /// (<c>FOLDER/REPORT</c> for a report in a folder).</summary>
    public string Member => Parent is null ? Name : $"{Parent}.{Name}";
}
