namespace CrmRecording.Cli.Solution;

/// <summary>Roles/*.xml: security roles with an id, a name matching the file, and privileges on tables that exist.</summary>
internal static class RoleCheck
{
    private static readonly string[] Levels = ["Basic", "Local", "Deep", "Global"];

    // Longest first: "AppendTo" must be tried before "Append".
    private static readonly string[] Actions = ["AppendTo", "Append", "Assign", "Create", "Delete", "Read", "Share", "Write"];

    public static void Run(SolutionSource source, SourceCatalog catalog, SolutionIdentity identity, List<SourceProblem> problems)
    {
        var ids = new HashSet<Guid>();
        foreach (var document in source.Roles)
        {
            var root = document.Root;
            var name = root.Attribute("name")?.Value;
            var where = $"<Role name=\"{name}\">";
            if (root.Name.LocalName != "Role" || string.IsNullOrWhiteSpace(name) || SolutionXml.Guid(root.Attribute("id")?.Value) is not { } id)
            {
                problems.Add(SourceProblem.At(document, root, $"<{root.Name.LocalName}>", "the root must be <Role id=\"{guid}\" name=\"...\">."));
                continue;
            }

            if (!ids.Add(id))
            {
                problems.Add(SourceProblem.At(document, root, where, $"the id {SolutionXml.Braced(id)} is used by another role."));
            }

            if (!string.Equals(document.Path, $"Roles/{name}.xml", StringComparison.Ordinal))
            {
                problems.Add(SourceProblem.At(document, root, where, $"SolutionPackager names the file after the role: Roles/{name}.xml."));
            }

            foreach (var privilege in root.Element("RolePrivileges")?.Elements("RolePrivilege") ?? [])
            {
                var privilegeName = privilege.Attribute("name")?.Value ?? string.Empty;
                var at = $"{where} <RolePrivilege name=\"{privilegeName}\">";
                if (!Levels.Contains(privilege.Attribute("level")?.Value, StringComparer.Ordinal))
                {
                    problems.Add(SourceProblem.At(document, privilege, at, $"level '{privilege.Attribute("level")?.Value}' must be one of {string.Join(", ", Levels)}."));
                }

                CheckTablePrivilege(document, privilege, at, privilegeName, catalog, identity, problems);
            }
        }
    }

    /// <summary>A privilege on one of the solution's tables (prv{Action}crr_...) must name a declared table and an action it has.</summary>
    private static void CheckTablePrivilege(SourceDocument document, System.Xml.Linq.XElement privilege, string at, string name, SourceCatalog catalog, SolutionIdentity identity, List<SourceProblem> problems)
    {
        var action = Actions.FirstOrDefault(a => name.StartsWith("prv" + a, StringComparison.Ordinal));
        var table = action is null ? null : name[(3 + action.Length)..];
        if (table is null || !table.StartsWith(identity.SchemaPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (!catalog.Tables.TryGetValue(table, out var info))
        {
            problems.Add(SourceProblem.At(document, privilege, at, $"{table} is not a table in Entities/."));
        }
        else if (info.Ownership == "OrgOwned" && action is "Assign" or "Share")
        {
            problems.Add(SourceProblem.At(document, privilege, at, $"{table} is organization-owned, which has no {action} privilege."));
        }
    }
}
