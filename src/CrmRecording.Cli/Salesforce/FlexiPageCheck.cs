using System.Xml.Linq;

namespace CrmRecording.Cli.Salesforce;

/// <summary>A record page's object, the fields its sections show, the related lists it embeds and the facets it names.</summary>
internal static class FlexiPageCheck
{
    private static readonly XNamespace Md = PackageSourceReader.Metadata;

    public static void Run(PackageSource source, SchemaIndex schema, List<PackageProblem> problems)
    {
        foreach (var page in source.OfType("FlexiPage"))
        {
            var objectElement = page.Root.Element(Md + "sobjectType");
            if (objectElement is null)
            {
                continue; // an app or home page: no record fields to resolve
            }

            var obj = objectElement.Value.Trim();
            if (!ReferenceCheck.Object(page, objectElement, obj, $"the page {page.Name} is for", schema, problems))
            {
                continue;
            }

            foreach (var item in page.Root.Descendants(Md + "fieldItem"))
            {
                var field = item.Value.Trim();
                ReferenceCheck.Field(page, item, obj, field.StartsWith("Record.", StringComparison.Ordinal) ? field["Record.".Length..] : field, $"the page {page.Name} shows", schema, problems);
            }

            var regions = page.Root.Elements(Md + "flexiPageRegions").Select(r => SchemaIndex.Text(r, "name")).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (var property in page.Root.Descendants(Md + "componentInstanceProperties"))
            {
                Property(page, obj, property, regions, schema, problems);
            }
        }
    }

    private static void Property(MetadataFile page, string obj, XElement property, HashSet<string> regions, SchemaIndex schema, List<PackageProblem> problems)
    {
        var value = property.Element(Md + "value");
        var text = value?.Value.Trim() ?? string.Empty;
        switch (SchemaIndex.Text(property, "name"))
        {
            case "relatedListApiName" when text.EndsWith("__r", StringComparison.Ordinal) && !schema.HasChildRelationship(obj, text):
                problems.Add(PackageProblem.At(page, value, $"the page {page.Name} lists the related list {text}, but no lookup in the package points at {obj} under the relationship name {text[..^3]}."));
                break;
            case "parentFieldApiName" when text != $"{obj}.Id":
                problems.Add(PackageProblem.At(page, value, $"a related list on the {obj} page must hang off {obj}.Id (got '{text}')."));
                break;
            default:
                if (text.StartsWith("Facet-", StringComparison.Ordinal) && !regions.Contains(text))
                {
                    problems.Add(PackageProblem.At(page, value, $"the page {page.Name} names the facet {text}, which it does not define."));
                }

                break;
        }
    }
}
