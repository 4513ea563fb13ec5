namespace CrmRecording.Cli.Solution;

/// <summary>
/// The unpacked solution, as SolutionPackager lays it out: every XML file parsed, every web resource file
/// located. What could not be read is reported as a <see cref="SourceProblem"/>, not thrown.
/// </summary>
internal sealed class SolutionSource
{
    public required string Root { get; init; }

    /// <summary>Other/Solution.xml (the manifest); null when missing or malformed.</summary>
    public SourceDocument? Manifest { get; init; }

    /// <summary>Other/Customizations.xml; null when missing or malformed.</summary>
    public SourceDocument? Customizations { get; init; }

    /// <summary>Entities/&lt;schema name&gt;/Entity.xml.</summary>
    public IReadOnlyList<SourceDocument> Entities { get; init; } = [];

    /// <summary>Entities/&lt;schema name&gt;/FormXml/&lt;type&gt;/&lt;form id&gt;.xml.</summary>
    public IReadOnlyList<SourceDocument> Forms { get; init; } = [];

    /// <summary>Entities/&lt;schema name&gt;/SavedQueries/&lt;view id&gt;.xml.</summary>
    public IReadOnlyList<SourceDocument> Views { get; init; } = [];

    /// <summary>Entities/&lt;schema name&gt;/Visualizations/&lt;chart id&gt;.xml, the table's system charts.</summary>
    public IReadOnlyList<SourceDocument> Charts { get; init; } = [];

    /// <summary>Dashboards/&lt;form id&gt;.xml.</summary>
    public IReadOnlyList<SourceDocument> Dashboards { get; init; } = [];

    /// <summary>Entities/&lt;schema name&gt;/RibbonDiff.xml, the table's command bar additions.</summary>
    public IReadOnlyList<SourceDocument> Ribbons { get; init; } = [];

    /// <summary>Other/Relationships.xml, the list of relationship names.</summary>
    public SourceDocument? RelationshipIndex { get; init; }

    /// <summary>Other/Relationships/&lt;referenced entity&gt;.xml.</summary>
    public IReadOnlyList<SourceDocument> Relationships { get; init; } = [];

    /// <summary>OptionSets/&lt;name&gt;.xml, the global choices.</summary>
    public IReadOnlyList<SourceDocument> OptionSets { get; init; } = [];

    /// <summary>Roles/&lt;name&gt;.xml.</summary>
    public IReadOnlyList<SourceDocument> Roles { get; init; } = [];

    /// <summary>WebResources/**/&lt;name&gt;.data.xml, the web resources' metadata.</summary>
    public IReadOnlyList<SourceDocument> WebResources { get; init; } = [];

    /// <summary>Every other file under WebResources/ (the web resources' content), relative paths.</summary>
    public IReadOnlyList<string> WebResourceFiles { get; init; } = [];

    /// <summary>PluginAssemblies/ServiceEndpoints.xml.</summary>
    public SourceDocument? ServiceEndpoints { get; init; }

    /// <summary>environmentvariabledefinitions/&lt;schema name&gt;/environmentvariabledefinition.xml.</summary>
    public IReadOnlyList<SourceDocument> EnvironmentVariables { get; init; } = [];

    /// <summary>Files under SdkMessageProcessingSteps/: steps are generated, so any file here is a mistake.</summary>
    public IReadOnlyList<string> StepFiles { get; init; } = [];

    /// <summary>The table folder a file under Entities/ belongs to (Entities/&lt;schema name&gt;/...).</summary>
    public static string TableFolder(SourceDocument document) => document.Path.Split('/')[1];

    public string FullPath(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));
}
