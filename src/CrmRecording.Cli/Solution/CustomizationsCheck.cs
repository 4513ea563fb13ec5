namespace CrmRecording.Cli.Solution;

/// <summary>
/// Other/Customizations.xml keeps, as SolutionPackager leaves it, empty placeholders for the components that
/// live in their own folders; the packer fills them. Content found there would be lost, so it is an error.
/// </summary>
internal static class CustomizationsCheck
{
    /// <summary>Sections the packer fills, and the folder their content comes from.</summary>
    public static readonly IReadOnlyDictionary<string, string> FilledSections = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Entities"] = "Entities/<schema name>/Entity.xml",
        ["Roles"] = "Roles/<name>.xml",
        ["EntityRelationships"] = "Other/Relationships/<referenced table>.xml",
        ["optionsets"] = "OptionSets/<name>.xml",
        ["Dashboards"] = "Dashboards/<id>.xml",
        ["WebResources"] = "WebResources/<name>.data.xml",
        ["SdkMessageProcessingSteps"] = "PluginCatalog.Registrations (generated)",
        ["ServiceEndpoints"] = "PluginAssemblies/ServiceEndpoints.xml",
    };

    public static void Run(SolutionSource source, List<SourceProblem> problems)
    {
        if (source.Customizations is not { } customizations)
        {
            return;
        }

        if (customizations.Root.Name.LocalName != "ImportExportXml")
        {
            problems.Add(SourceProblem.At(customizations, customizations.Root, $"<{customizations.Root.Name.LocalName}>", "the root must be <ImportExportXml>."));
            return;
        }

        foreach (var section in customizations.Root.Elements().Where(e => FilledSections.ContainsKey(e.Name.LocalName) && e.HasElements))
        {
            problems.Add(SourceProblem.At(customizations, section, $"<{section.Name.LocalName}>",
                $"must be empty in source; its content comes from {FilledSections[section.Name.LocalName]}."));
        }
    }
}
