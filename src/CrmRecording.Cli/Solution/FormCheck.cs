using System.Xml.Linq;

namespace CrmRecording.Cli.Solution;

/// <summary>
/// Entities/*/FormXml/&lt;type&gt;/&lt;id&gt;.xml: a form of a declared table, named after its id, whose fields are
/// columns the solution declares on that table, whose subgrids follow a declared relationship to a declared view,
/// and whose web resource controls show web resources in the solution.
/// </summary>
internal static class FormCheck
{
    public const string SubgridClass = "{E7A81278-8635-4D9E-8D4D-59480B391C5B}";
    public const string WebResourceClass = "{9FDF5F91-88B1-47F4-AD53-C11EFC01A01D}";

    private static readonly string[] Types = ["main", "quick", "quickCreate", "card"];

    public static void Run(SolutionSource source, SourceCatalog catalog, SolutionIdentity identity, List<SourceProblem> problems)
    {
        var ids = new HashSet<Guid>();
        foreach (var document in source.Forms)
        {
            var form = document.Root.Elements("systemform").ToList();
            if (document.Root.Name.LocalName != "forms" || form.Count != 1 || SolutionXml.Guid(form[0].Element("formid")?.Value) is not { } id || form[0].Element("form") is null)
            {
                problems.Add(SourceProblem.At(document, document.Root, $"<{document.Root.Name.LocalName}>", "the root must be <forms> holding one <systemform> with a <formid> GUID and a <form>."));
                continue;
            }

            var systemForm = form[0];
            var where = ComponentFile.Check(document, systemForm, "formid", id, "form", "another form", ids, problems);
            var type = document.Path.Split('/')[3];
            if (!Types.Contains(type, StringComparer.Ordinal))
            {
                problems.Add(SourceProblem.At(document, systemForm, where, $"the folder FormXml/{type} is not a form type ({string.Join(", ", Types)})."));
            }

            if (!catalog.Tables.TryGetValue(SolutionSource.TableFolder(document), out var table))
            {
                problems.Add(SourceProblem.At(document, systemForm, where, $"Entities/{SolutionSource.TableFolder(document)}/Entity.xml is missing: a form belongs to a table the solution declares."));
                continue;
            }

            CheckControls(document, systemForm.Element("form")!, table, catalog, identity, problems);
        }
    }

    private static void CheckControls(SourceDocument document, XElement form, TableInfo table, SourceCatalog catalog, SolutionIdentity identity, List<SourceProblem> problems)
    {
        var controlIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var control in form.Descendants("control"))
        {
            var id = control.Attribute("id")?.Value ?? string.Empty;
            var where = SolutionXml.Describe(control, "id", "datafieldname");
            if (id.Length == 0 || !controlIds.Add(id))
            {
                problems.Add(SourceProblem.At(document, control, where, "every control needs an id, unique on the form."));
            }

            if (control.Attribute("datafieldname")?.Value is { Length: > 0 } column
                && column.StartsWith(identity.SchemaPrefix, StringComparison.OrdinalIgnoreCase)
                && !table.Columns.ContainsKey(column))
            {
                problems.Add(SourceProblem.At(document, control, where, $"{column} is not a column of {table.SchemaName} in Entities/{table.SchemaName}/Entity.xml."));
            }

            var parameters = control.Element("parameters");
            var classId = control.Attribute("classid")?.Value ?? string.Empty;
            if (string.Equals(classId, SubgridClass, StringComparison.OrdinalIgnoreCase))
            {
                CheckSubgrid(document, control, where, parameters, table, catalog, problems);
            }
            else if (string.Equals(classId, WebResourceClass, StringComparison.OrdinalIgnoreCase))
            {
                var name = (parameters?.Element("Url")?.Value ?? string.Empty).Replace("$webresource:", string.Empty, StringComparison.Ordinal).Trim();
                if (!catalog.WebResources.Contains(name))
                {
                    problems.Add(SourceProblem.At(document, control, where, $"<Url> '{name}' is not a web resource in WebResources/."));
                }
            }
        }
    }

    private static void CheckSubgrid(SourceDocument document, XElement control, string where, XElement? parameters, TableInfo table, SourceCatalog catalog, List<SourceProblem> problems)
    {
        var target = parameters?.Element("TargetEntityType")?.Value ?? string.Empty;
        var relationship = parameters?.Element("RelationshipName")?.Value ?? string.Empty;
        var targetTable = catalog.Tables.Values.FirstOrDefault(t => string.Equals(t.LogicalName, target, StringComparison.Ordinal));
        if (targetTable is null)
        {
            problems.Add(SourceProblem.At(document, control, where, $"<TargetEntityType> '{target}' is not a table in Entities/."));
            return;
        }

        if (relationship.Length > 0 && !catalog.Relationships.Any(r => r.Name == relationship
            && string.Equals(r.ReferencedEntity, table.SchemaName, StringComparison.OrdinalIgnoreCase)
            && string.Equals(r.ReferencingEntity, targetTable.SchemaName, StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add(SourceProblem.At(document, control, where, $"<RelationshipName> '{relationship}' is not a relationship in Other/Relationships/ from {targetTable.SchemaName} to {table.SchemaName}."));
        }

        if (SolutionXml.Guid(parameters?.Element("ViewId")?.Value) is not { } view
            || !catalog.Views.TryGetValue(view, out var viewTable)
            || !string.Equals(viewTable, targetTable.SchemaName, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(SourceProblem.At(document, control, where, $"<ViewId> must be a view of {targetTable.SchemaName} in Entities/{targetTable.SchemaName}/SavedQueries/."));
        }
    }
}
