namespace CrmRecording.Cli.Solution;

/// <summary>Other/Relationships: every relationship joins declared tables through a declared lookup, and the index lists them all.</summary>
internal static class RelationshipCheck
{
    public static bool HasRelationship(SourceCatalog catalog, TableInfo table, string lookupLogicalName) =>
        catalog.Relationships.Any(r => string.Equals(r.ReferencingEntity, table.SchemaName, StringComparison.OrdinalIgnoreCase)
            && string.Equals(r.ReferencingAttribute, lookupLogicalName, StringComparison.OrdinalIgnoreCase));

    public static void Run(SolutionSource source, SourceCatalog catalog, List<SourceProblem> problems)
    {
        foreach (var document in source.Relationships.Where(d => d.Root.Name.LocalName != "EntityRelationships"))
        {
            problems.Add(SourceProblem.At(document, document.Root, $"<{document.Root.Name.LocalName}>", "the root must be <EntityRelationships>."));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in catalog.Relationships)
        {
            var where = $"<EntityRelationship Name=\"{r.Name}\">";
            if (r.Name.Length == 0 || !names.Add(r.Name))
            {
                problems.Add(SourceProblem.At(r.Document, r.Element, where, "needs a Name, unique in the solution."));
            }

            if (!string.Equals(r.Document.Path, $"Other/Relationships/{r.ReferencedEntity}.xml", StringComparison.Ordinal))
            {
                problems.Add(SourceProblem.At(r.Document, r.Element, where, $"SolutionPackager keeps a 1:N relationship in its referenced table's file, Other/Relationships/{r.ReferencedEntity}.xml."));
            }

            if (!catalog.Tables.TryGetValue(r.ReferencingEntity, out var table))
            {
                problems.Add(SourceProblem.At(r.Document, r.Element, where, $"<ReferencingEntityName> {r.ReferencingEntity} is not a table in Entities/."));
            }
            else if (!table.Columns.TryGetValue(r.ReferencingAttribute, out var column) || column.Element("Type")?.Value != "lookup")
            {
                problems.Add(SourceProblem.At(r.Document, r.Element, where, $"<ReferencingAttributeName> {r.ReferencingAttribute} is not a lookup column of {r.ReferencingEntity}."));
            }
        }

        if (source.RelationshipIndex is not { } index)
        {
            if (names.Count > 0)
            {
                problems.Add(new SourceProblem("Other/Relationships.xml", null, "file", $"missing; it must list the relationships ({string.Join(", ", names.Order(StringComparer.Ordinal))})."));
            }

            return;
        }

        var listed = index.Root.Elements("EntityRelationship")
            .GroupBy(e => e.Attribute("Name")?.Value ?? string.Empty, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var (name, element) in listed.Where(l => !names.Contains(l.Key)))
        {
            problems.Add(SourceProblem.At(index, element, $"<EntityRelationship Name=\"{name}\">", "is listed but not defined in Other/Relationships/."));
        }

        foreach (var name in names.Where(n => !listed.ContainsKey(n)).Order(StringComparer.Ordinal))
        {
            problems.Add(SourceProblem.At(index, index.Root, $"<EntityRelationship Name=\"{name}\">", "is defined in Other/Relationships/ but not listed here."));
        }
    }
}
