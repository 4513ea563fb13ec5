using System.Text.Json;
using System.Xml.Linq;

namespace CrmRecording.Cli.Salesforce;

/// <summary>
/// Cross references between components that only a deploy would catch: a permission set granting a field, object
/// or custom permission that does not exist, a lookup to an unknown object, an outbound message or list view naming
/// a missing field, a call center whose adapter settings disagree.
/// </summary>
internal static class ReferenceCheck
{
    private static readonly XNamespace Md = PackageSourceReader.Metadata;

    public static void Run(PackageSource source, SchemaIndex schema, List<PackageProblem> problems)
    {
        foreach (var field in source.OfType("CustomField"))
        {
            if (field.Root.Element(Md + "referenceTo") is { } target)
            {
                Object(field, target, target.Value.Trim(), $"the lookup {field.Member} points at", schema, problems);
            }
        }

        foreach (var set in source.OfType("PermissionSet"))
        {
            PermissionSet(set, schema, problems);
        }

        foreach (var workflow in source.OfType("Workflow"))
        {
            foreach (var message in workflow.Root.Elements(Md + "outboundMessages"))
            {
                foreach (var name in message.Elements(Md + "fields"))
                {
                    Field(workflow, name, workflow.Name, name.Value.Trim(), $"the outbound message {SchemaIndex.Text(message, "fullName")} sends", schema, problems);
                }

                Https(workflow, message.Element(Md + "endpointUrl"), "the outbound message's endpointUrl", problems);
            }
        }

        foreach (var view in source.OfType("ListView"))
        {
            foreach (var column in view.Root.Elements(Md + "columns").Concat(view.Root.Elements(Md + "filters").Select(f => f.Element(Md + "field")!)).OfType<XElement>())
            {
                // Standard columns are tokens such as FULL_NAME or ACCOUNT.NAME; custom fields go by API name.
                if (column.Value.Trim().EndsWith("__c", StringComparison.Ordinal))
                {
                    Field(view, column, view.Parent!, column.Value.Trim(), $"the list view {view.Member} shows", schema, problems);
                }
            }
        }

        foreach (var center in source.OfType("CallCenter"))
        {
            CallCenter(center, problems);
        }
    }

    /// <summary>Whether <paramref name="obj"/> resolves; reports it (<paramref name="what"/> + the name) when it does not.</summary>
    public static bool Object(MetadataFile file, XObject at, string obj, string what, SchemaIndex schema, List<PackageProblem> problems)
    {
        if (schema.HasObject(obj))
        {
            return true;
        }

        problems.Add(PackageProblem.At(file, at, $"{what} {obj}, which is neither a standard object crmrec knows nor an object in the package."));
        return false;
    }

    /// <summary>Reports <paramref name="field"/> when <paramref name="obj"/> has no such field.</summary>
    public static void Field(MetadataFile file, XObject at, string obj, string field, string what, SchemaIndex schema, List<PackageProblem> problems)
    {
        if (Object(file, at, obj, $"{what} {obj}.{field}, but its object is", schema, problems) && !schema.HasField(obj, field))
        {
            problems.Add(PackageProblem.At(file, at, field.EndsWith("__c", StringComparison.Ordinal)
                ? $"{what} {obj}.{field}, which does not exist: there is no objects/{obj}/fields/{field}.field-meta.xml."
                : $"{what} {obj}.{field}, which is not a standard {obj} field crmrec knows."));
        }
    }

    private static void PermissionSet(MetadataFile set, SchemaIndex schema, List<PackageProblem> problems)
    {
        foreach (var grant in set.Root.Elements(Md + "fieldPermissions").Select(p => p.Element(Md + "field")).OfType<XElement>())
        {
            var parts = grant.Value.Trim().Split('.');
            if (parts.Length != 2)
            {
                problems.Add(PackageProblem.At(set, grant, $"field '{grant.Value.Trim()}' is not OBJECT.FIELD."));
                continue;
            }

            Field(set, grant, parts[0], parts[1], $"the permission set {set.Name} grants", schema, problems);
        }

        foreach (var obj in set.Root.Elements(Md + "objectPermissions").Select(p => p.Element(Md + "object")).OfType<XElement>())
        {
            Object(set, obj, obj.Value.Trim(), $"the permission set {set.Name} grants the object", schema, problems);
        }

        foreach (var permission in set.Root.Elements(Md + "customPermissions").Select(p => p.Element(Md + "name")).OfType<XElement>())
        {
            if (!schema.CustomPermissions.Contains(permission.Value.Trim()))
            {
                problems.Add(PackageProblem.At(set, permission, $"the permission set {set.Name} grants the custom permission {permission.Value.Trim()}, which does not exist: there is no customPermissions/{permission.Value.Trim()}.customPermission-meta.xml."));
            }
        }
    }

    private static void CallCenter(MetadataFile center, List<PackageProblem> problems)
    {
        var adapter = center.Root.Element(Md + "adapterUrl");
        Https(center, adapter, "the call center's adapterUrl (Lightning loads the softphone only over https)", problems);
        var items = center.Root.Elements(Md + "sections").Elements(Md + "items")
            .ToDictionary(i => SchemaIndex.Text(i, "name") ?? string.Empty, i => i.Element(Md + "value"), StringComparer.Ordinal);
        if (items.GetValueOrDefault("reqAdapterUrl") is not { } itemUrl || itemUrl.Value.Trim() != adapter?.Value.Trim())
        {
            problems.Add(PackageProblem.At(center, items.GetValueOrDefault("reqAdapterUrl") ?? (XObject?)adapter, "the reqAdapterUrl item must equal adapterUrl."));
        }

        if (items.GetValueOrDefault("reqSalesforceCompatibilityMode")?.Value.Trim() is not ("Lightning" or "Classic_and_Lightning"))
        {
            problems.Add(PackageProblem.At(center, items.GetValueOrDefault("reqSalesforceCompatibilityMode") ?? (XObject)center.Root, "reqSalesforceCompatibilityMode must be Lightning (or Classic_and_Lightning) for the softphone to run in Lightning Experience."));
        }

        if (items.GetValueOrDefault("reqUseApi")?.Value.Trim() != "true")
        {
            problems.Add(PackageProblem.At(center, items.GetValueOrDefault("reqUseApi") ?? (XObject)center.Root, "reqUseApi must be true: the softphone uses the Open CTI API."));
        }

        if (center.Root.Element(Md + "customSettings") is { } settings)
        {
            try
            {
                using var json = JsonDocument.Parse(settings.Value);
                if (json.RootElement.TryGetProperty("reqAdapterUrl", out var url) && url.GetString() != adapter?.Value.Trim())
                {
                    problems.Add(PackageProblem.At(center, settings, "customSettings' reqAdapterUrl must equal adapterUrl."));
                }
            }
            catch (JsonException ex)
            {
                problems.Add(PackageProblem.At(center, settings, $"customSettings is not JSON: {ex.Message}"));
            }
        }
    }

    private static void Https(MetadataFile file, XElement? url, string what, List<PackageProblem> problems)
    {
        if (url is null || !Uri.TryCreate(url.Value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            problems.Add(PackageProblem.At(file, url ?? (XObject)file.Root, $"{what} must be an absolute https URL (got '{url?.Value.Trim()}')."));
        }
    }
}
