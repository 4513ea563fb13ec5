using System.Xml.Linq;

namespace CrmRecording.Cli.Salesforce;

/// <summary>
/// Report types, reports and dashboards, as a deploy would resolve them: a report type's columns are fields of its
/// base object; a report is in a folder the package has, uses a report type the package defines (or names its
/// standard one) and reads only fields that report type exposes (<c>OBJECT$FIELD</c>); a dashboard is in a
/// dashboard folder the package has and shows reports the package defines.
/// </summary>
internal static class ReportCheck
{
    private static readonly XNamespace Md = PackageSourceReader.Metadata;

    public static void Run(PackageSource source, SchemaIndex schema, List<PackageProblem> problems)
    {
        var reportTypes = new Dictionary<string, (string BaseObject, HashSet<string> Fields)>(StringComparer.Ordinal);
        foreach (var type in source.OfType("ReportType"))
        {
            reportTypes[type.Name + "__c"] = ReportType(type, schema, problems);
        }

        var reportFolders = source.OfType("ReportFolder").Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var report in source.OfType("Report"))
        {
            Folder(report, reportFolders, "reports", "reportFolder", problems);
            Report(report, reportTypes, problems);
        }

        var reports = source.OfType("Report").Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var dashboardFolders = source.OfType("DashboardFolder").Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var dashboard in source.OfType("Dashboard"))
        {
            Folder(dashboard, dashboardFolders, "dashboards", "dashboardFolder", problems);
            foreach (var shown in dashboard.Root.Descendants(Md + "report").Where(r => !reports.Contains(r.Value.Trim())))
            {
                problems.Add(PackageProblem.At(dashboard, shown, $"the dashboard {dashboard.Name} shows the report {shown.Value.Trim()}, which is not in the package: there is no reports/{shown.Value.Trim()}.report-meta.xml."));
            }
        }
    }

    private static (string BaseObject, HashSet<string> Fields) ReportType(MetadataFile type, SchemaIndex schema, List<PackageProblem> problems)
    {
        var baseObject = SchemaIndex.Text(type.Root, "baseObject") ?? string.Empty;
        var fields = new HashSet<string>(StringComparer.Ordinal);
        if (!ReferenceCheck.Object(type, type.Root.Element(Md + "baseObject") ?? (XObject)type.Root, baseObject, $"the report type {type.Name} is based on", schema, problems))
        {
            return (baseObject, fields);
        }

        foreach (var column in type.Root.Elements(Md + "sections").Elements(Md + "columns"))
        {
            var (table, field) = (SchemaIndex.Text(column, "table"), SchemaIndex.Text(column, "field") ?? string.Empty);
            if (table != baseObject)
            {
                problems.Add(PackageProblem.At(type, column, $"the column {table}.{field} is not on the base object {baseObject}: crmrec checks report types over their base object only."));
                continue;
            }

            ReferenceCheck.Field(type, column.Element(Md + "field") ?? column, baseObject, field, $"the report type {type.Name} exposes", schema, problems);
            fields.Add(field);
        }

        return (baseObject, fields);
    }

    private static void Report(MetadataFile report, Dictionary<string, (string BaseObject, HashSet<string> Fields)> reportTypes, List<PackageProblem> problems)
    {
        var typeName = SchemaIndex.Text(report.Root, "reportType") ?? string.Empty;
        if (!reportTypes.TryGetValue(typeName, out var type))
        {
            if (typeName.EndsWith("__c", StringComparison.Ordinal))
            {
                problems.Add(PackageProblem.At(report, report.Root.Element(Md + "reportType") ?? (XObject)report.Root, $"the report {report.Name} uses the report type {typeName}, which is not in the package: there is no reportTypes/{typeName[..^3]}.reportType-meta.xml."));
            }

            return;
        }

        var named = report.Root.Elements(Md + "columns").Select(c => c.Element(Md + "field"))
            .Concat(report.Root.Elements(Md + "groupingsDown").Concat(report.Root.Elements(Md + "groupingsAcross")).Select(g => g.Element(Md + "field")))
            .Concat(report.Root.Elements(Md + "filter").Elements(Md + "criteriaItems").Select(c => c.Element(Md + "column")))
            .Concat(report.Root.Elements(Md + "timeFrameFilter").Select(t => t.Element(Md + "dateColumn")))
            .OfType<XElement>();
        foreach (var column in named)
        {
            var parts = column.Value.Trim().Split('$');
            if (parts.Length != 2 || parts[0] != type.BaseObject || !type.Fields.Contains(parts[1]))
            {
                problems.Add(PackageProblem.At(report, column, $"the report {report.Name} reads {column.Value.Trim()}, which the report type {typeName} does not expose (its columns are {type.BaseObject}${string.Join($", {type.BaseObject}$", type.Fields.Order(StringComparer.Ordinal))})."));
            }
        }
    }

    private static void Folder(MetadataFile file, HashSet<string> folders, string kind, string suffix, List<PackageProblem> problems)
    {
        var folder = file.Name.Split('/')[0];
        if (!folders.Contains(folder))
        {
            problems.Add(new PackageProblem(file.Path, null, $"is in the folder {folder}, which the package does not define: add {kind}/{folder}.{suffix}-meta.xml (a deploy refuses a {file.Type} whose folder is missing)."));
        }
    }
}
