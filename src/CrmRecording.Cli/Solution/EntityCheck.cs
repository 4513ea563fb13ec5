using System.Xml.Linq;

namespace CrmRecording.Cli.Solution;

/// <summary>Entities/*/Entity.xml: new tables are complete, existing tables only gain prefixed columns, every column is well typed.</summary>
internal static class EntityCheck
{
    private static readonly HashSet<string> Types = new(StringComparer.Ordinal)
    {
        "primarykey", "uniqueidentifier", "nvarchar", "ntext", "int", "bigint", "decimal", "float", "money", "bit",
        "datetime", "lookup", "customer", "owner", "picklist", "multiselectpicklist", "state", "status",
    };

    public static void Run(SolutionSource source, SourceCatalog catalog, SolutionIdentity identity, List<SourceProblem> problems)
    {
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var document in source.Entities)
        {
            var entity = document.Root.Element("EntityInfo")?.Element("entity");
            var schema = entity?.Attribute("Name")?.Value;
            if (document.Root.Name.LocalName != "Entity" || entity is null || string.IsNullOrWhiteSpace(schema))
            {
                problems.Add(SourceProblem.At(document, document.Root, $"<{document.Root.Name.LocalName}>", "must be <Entity> holding <EntityInfo><entity Name=\"...\">."));
                continue;
            }

            var folder = document.Path.Split('/')[1];
            if (!string.Equals(folder, schema, StringComparison.Ordinal))
            {
                problems.Add(SourceProblem.At(document, entity, $"<entity Name=\"{schema}\">", $"the folder is Entities/{folder}; SolutionPackager names it after the schema name (Entities/{schema})."));
            }

            if (!seen.TryAdd(schema, document.Path))
            {
                problems.Add(SourceProblem.At(document, entity, $"<entity Name=\"{schema}\">", $"the table is also declared in {seen[schema]}."));
                continue;
            }

            var table = catalog.Tables[schema];
            if (table.IsCustom)
            {
                CheckNewTable(document, entity, table, problems);
            }

            CheckColumns(document, table, catalog, identity, problems);
        }
    }

    private static void CheckNewTable(SourceDocument document, XElement entity, TableInfo table, List<SourceProblem> problems)
    {
        var where = $"<entity Name=\"{table.SchemaName}\">";
        if (table.Ownership is not ("UserOwned" or "OrgOwned"))
        {
            problems.Add(SourceProblem.At(document, entity.Element("OwnershipTypeMask") ?? entity, where, $"<OwnershipTypeMask> is '{table.Ownership}'; use UserOwned or OrgOwned."));
        }

        if (string.IsNullOrWhiteSpace(entity.Element("EntitySetName")?.Value))
        {
            problems.Add(SourceProblem.At(document, entity, where, "a new table needs an <EntitySetName> (its Web API collection name)."));
        }

        if (!table.Columns.TryGetValue(table.LogicalName + "id", out var key) || key.Element("Type")?.Value != "primarykey")
        {
            problems.Add(SourceProblem.At(document, entity, where, $"a new table needs its primary key column {table.LogicalName}id (<Type>primarykey</Type>)."));
        }

        var primaryNames = table.Columns.Values.Count(c => (c.Element("DisplayMask")?.Value ?? string.Empty).Split('|').Contains("PrimaryName", StringComparer.Ordinal));
        if (primaryNames != 1)
        {
            problems.Add(SourceProblem.At(document, entity, where, $"a new table needs exactly one primary name column (DisplayMask PrimaryName); found {primaryNames}."));
        }
    }

    private static void CheckColumns(SourceDocument document, TableInfo table, SourceCatalog catalog, SolutionIdentity identity, List<SourceProblem> problems)
    {
        var logicalNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var attribute in SolutionXml.Attributes(document))
        {
            var physical = attribute.Attribute("PhysicalName")?.Value;
            var logical = attribute.Element("LogicalName")?.Value;
            var where = $"<attribute PhysicalName=\"{physical}\">";
            if (string.IsNullOrWhiteSpace(physical) || string.IsNullOrWhiteSpace(logical) || !string.Equals(logical, physical.ToLowerInvariant(), StringComparison.Ordinal))
            {
                problems.Add(SourceProblem.At(document, attribute, where, $"<LogicalName> '{logical}' must be the PhysicalName in lower case."));
                continue;
            }

            if (!logicalNames.Add(logical))
            {
                problems.Add(SourceProblem.At(document, attribute, where, "the column is declared twice."));
            }

            var custom = attribute.Element("IsCustomField")?.Value == "1";
            if (custom && !logical.StartsWith(identity.SchemaPrefix, StringComparison.Ordinal))
            {
                problems.Add(SourceProblem.At(document, attribute, where, $"a custom column's name must start with the publisher prefix {identity.SchemaPrefix}."));
            }

            if (!table.IsCustom && !custom)
            {
                problems.Add(SourceProblem.At(document, attribute, where, $"{table.SchemaName} is an existing table: the solution only adds its own columns (IsCustomField 1), so this one must go."));
            }

            var type = attribute.Element("Type")?.Value;
            if (type is null || !Types.Contains(type))
            {
                problems.Add(SourceProblem.At(document, attribute, where, $"<Type> '{type}' is not a column type crmrec packs ({string.Join(", ", Types.Order(StringComparer.Ordinal))})."));
                continue;
            }

            CheckType(document, attribute, where, type, table, catalog, identity, problems);
        }
    }

    private static void CheckType(SourceDocument document, XElement attribute, string where, string type, TableInfo table, SourceCatalog catalog, SolutionIdentity identity, List<SourceProblem> problems)
    {
        var localSet = attribute.Element("optionset");
        switch (type)
        {
            case "picklist" or "multiselectpicklist":
                var global = attribute.Element("OptionSetName")?.Value;
                if (!string.IsNullOrWhiteSpace(global))
                {
                    if (!catalog.OptionSets.Contains(global))
                    {
                        problems.Add(SourceProblem.At(document, attribute.Element("OptionSetName"), $"{where} <OptionSetName>{global}</OptionSetName>",
                            $"names a choice that is not defined: there is no OptionSets/{global}.xml."));
                    }
                }
                else if (localSet?.Element("OptionSetType")?.Value == "picklist")
                {
                    OptionRules.CheckPicklistOptions(document, localSet, where, identity, problems);
                }
                else
                {
                    problems.Add(SourceProblem.At(document, attribute, where, "a choice column needs its option set: <OptionSetName> of a global choice in OptionSets/, or a local <optionset> of type picklist."));
                }

                break;
            case "bit":
                var values = localSet?.Element("options")?.Elements("option").Select(o => o.Attribute("value")?.Value).Order(StringComparer.Ordinal).ToList();
                if (localSet?.Element("OptionSetType")?.Value != "bit" || values is not ["0", "1"])
                {
                    problems.Add(SourceProblem.At(document, localSet ?? attribute, where, "a yes/no column needs a local <optionset> of type bit with options 0 and 1."));
                }

                break;
            case "state" or "status":
                if (localSet?.Element("OptionSetType")?.Value != type)
                {
                    problems.Add(SourceProblem.At(document, localSet ?? attribute, where, $"a {type} column needs a local <optionset> of type {type}."));
                }

                break;
            case "datetime":
                if (attribute.Element("Format")?.Value is not ("date" or "datetime") || SolutionXml.Int(attribute.Element("Behavior")?.Value) is not (1 or 2 or 3))
                {
                    problems.Add(SourceProblem.At(document, attribute, where, "a date column needs <Format> date or datetime and <Behavior> 1 (user local), 2 (date only) or 3 (time-zone independent)."));
                }

                break;
            case "nvarchar" or "ntext":
                if (SolutionXml.Int(attribute.Element("MaxLength")?.Value) is not > 0)
                {
                    problems.Add(SourceProblem.At(document, attribute, where, "a text column needs a positive <MaxLength>."));
                }

                break;
            case "lookup" when attribute.Element("IsCustomField")?.Value == "1" && !RelationshipCheck.HasRelationship(catalog, table, attribute.Element("LogicalName")!.Value):
                problems.Add(SourceProblem.At(document, attribute, where, $"a lookup needs a relationship in Other/Relationships/ whose ReferencingAttributeName is {attribute.Attribute("PhysicalName")!.Value} on {table.SchemaName}."));
                break;
        }
    }
}
