namespace CrmRecording.Cli.Salesforce;

/// <summary>
/// The metadata types crmrec packs, recognised as <c>sf project convert source</c> does: by the folder under
/// <c>main/default</c> and the file's suffix. A file in no known place would be dropped silently by the converter.
/// </summary>
internal static class MetadataKinds
{
    /// <summary>Folder → (suffix, type) of the types kept one file per component.</summary>
    private static readonly Dictionary<string, (string Suffix, string Type)> Simple = new(StringComparer.Ordinal)
    {
        ["applications"] = ("app", "CustomApplication"),
        ["callCenters"] = ("callCenter", "CallCenter"),
        ["cspTrustedSites"] = ("cspTrustedSite", "CspTrustedSite"),
        ["customPermissions"] = ("customPermission", "CustomPermission"),
        ["externalCredentials"] = ("externalCredential", "ExternalCredential"),
        ["flexipages"] = ("flexipage", "FlexiPage"),
        ["flows"] = ("flow", "Flow"),
        ["layouts"] = ("layout", "Layout"),
        ["namedCredentials"] = ("namedCredential", "NamedCredential"),
        ["permissionsetgroups"] = ("permissionsetgroup", "PermissionSetGroup"),
        ["permissionsets"] = ("permissionset", "PermissionSet"),
        ["remoteSiteSettings"] = ("remoteSite", "RemoteSiteSetting"),
        ["reportTypes"] = ("reportType", "ReportType"),
        ["tabs"] = ("tab", "CustomTab"),
        ["workflows"] = ("workflow", "Workflow"),
    };

    /// <summary>Sub-folder of <c>objects/OBJECT/</c> → (suffix, type).</summary>
    private static readonly Dictionary<string, (string Suffix, string Type)> ObjectChildren = new(StringComparer.Ordinal)
    {
        ["businessProcesses"] = ("businessProcess", "BusinessProcess"),
        ["compactLayouts"] = ("compactLayout", "CompactLayout"),
        ["fieldSets"] = ("fieldSet", "FieldSet"),
        ["fields"] = ("field", "CustomField"),
        ["listViews"] = ("listView", "ListView"),
        ["recordTypes"] = ("recordType", "RecordType"),
        ["validationRules"] = ("validationRule", "ValidationRule"),
        ["webLinks"] = ("webLink", "WebLink"),
    };

    /// <summary>Folder → (the folder's suffix and type, the component's suffix and type) of the types kept in folders.</summary>
    private static readonly Dictionary<string, (string FolderSuffix, string FolderType, string Suffix, string Type)> Foldered = new(StringComparer.Ordinal)
    {
        ["dashboards"] = ("dashboardFolder", "DashboardFolder", "dashboard", "Dashboard"),
        ["reports"] = ("reportFolder", "ReportFolder", "report", "Report"),
    };

    public static string Known => string.Join(", ", Simple.Keys.Concat(Foldered.Keys).Concat(["classes", "triggers", "lwc", "objects"]).Order(StringComparer.Ordinal));

    /// <summary>What a file under <c>main/default</c> is; null when the converter would not recognise it.</summary>
    /// <param name="path">The file's path relative to the package folder.</param>
    /// <param name="parts">Its path relative to <c>main/default</c>, split on '/'.</param>
    public static MetadataFile? Resolve(string path, string[] parts) => parts switch
    {
        ["objects", var obj, var file] when file == $"{obj}.object-meta.xml" => new(path, "CustomObject", obj, null, false),
        ["objects", var obj, var folder, var file] when ObjectChildren.TryGetValue(folder, out var kind) && Named(file, kind.Suffix) is { } name
            => new(path, kind.Type, name, obj, false),
        ["classes", var file] => Apex(path, file, "cls", "ApexClass"),
        ["triggers", var file] => Apex(path, file, "trigger", "ApexTrigger"),
        ["lwc", var bundle, var file] when !file.StartsWith('.') => new(path, "LightningComponentBundle", bundle, null, file != $"{bundle}.js-meta.xml"),
        ["lwc", var bundle, _, var file] when !file.StartsWith('.') => new(path, "LightningComponentBundle", bundle, null, true),
        [var folder, var file] when Simple.TryGetValue(folder, out var kind) && Named(file, kind.Suffix) is { } name => new(path, kind.Type, name, null, false),
        [var folder, var file] when Foldered.TryGetValue(folder, out var kind) && Named(file, kind.FolderSuffix) is { } name
            => new(path, kind.FolderType, name, null, false) { PackageType = kind.Type },
        [var folder, var inFolder, var file] when Foldered.TryGetValue(folder, out var kind) && Named(file, kind.Suffix) is { } name
            => new(path, kind.Type, $"{inFolder}/{name}", null, false),
        _ => null,
    };

    private static MetadataFile? Apex(string path, string file, string suffix, string type) =>
        Named(file, suffix) is { } name ? new(path, type, name, null, false)
        : file.EndsWith($".{suffix}", StringComparison.Ordinal) ? new(path, type, file[..^(suffix.Length + 1)], null, true)
        : null;

    private static string? Named(string file, string suffix) =>
        file.EndsWith($".{suffix}-meta.xml", StringComparison.Ordinal) ? file[..^$".{suffix}-meta.xml".Length] : null;
}
