using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CrmRecording.Cli.Salesforce;

/// <summary>
/// A flow's references: its trigger object and the fields its entry conditions, formulas and record elements name,
/// the outbound message an action sends, and the element every connector leads to.
/// </summary>
internal static partial class FlowCheck
{
    private static readonly XNamespace Md = PackageSourceReader.Metadata;

    /// <summary>Elements whose <c>object</c> child names the object their field names belong to.</summary>
    private static readonly string[] RecordElements = ["recordLookups", "recordUpdates", "recordCreates", "recordDeletes"];

    public static void Run(PackageSource source, SchemaIndex schema, List<PackageProblem> problems)
    {
        foreach (var flow in source.OfType("Flow"))
        {
            Check(flow, schema, problems);
        }
    }

    private static void Check(MetadataFile flow, SchemaIndex schema, List<PackageProblem> problems)
    {
        var names = flow.Root.Elements().Select(e => e.Element(Md + "name")?.Value.Trim()).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var target in flow.Root.Descendants(Md + "targetReference").Where(t => !names.Contains(t.Value.Trim())))
        {
            problems.Add(PackageProblem.At(flow, target, $"a connector leads to '{target.Value.Trim()}', which is no element of the flow {flow.Name}."));
        }

        var start = flow.Root.Element(Md + "start");
        var trigger = start?.Element(Md + "object");
        if (trigger is not null)
        {
            var obj = trigger.Value.Trim();
            if (!ReferenceCheck.Object(flow, trigger, obj, $"the flow {flow.Name} is triggered by", schema, problems))
            {
                return;
            }

            foreach (var filter in start!.Elements(Md + "filters").Select(f => f.Element(Md + "field")).OfType<XElement>())
            {
                ReferenceCheck.Field(flow, filter, obj, filter.Value.Trim(), $"the flow {flow.Name}'s entry condition reads", schema, problems);
            }

            foreach (var text in flow.Root.DescendantNodes().OfType<XText>())
            {
                foreach (Match match in RecordReference().Matches(text.Value))
                {
                    ReferenceCheck.Field(flow, text.Parent!, obj, match.Groups["field"].Value, $"the flow {flow.Name} reads {match.Groups["record"].Value}.{match.Groups["field"].Value}, that is", schema, problems);
                }
            }
        }

        foreach (var element in RecordElements.SelectMany(n => flow.Root.Elements(Md + n)))
        {
            RecordElement(flow, element, schema, problems);
        }

        foreach (var action in flow.Root.Elements(Md + "actionCalls").Where(a => SchemaIndex.Text(a, "actionType") == "outboundMessage"))
        {
            var name = action.Element(Md + "actionName");
            var parts = name?.Value.Trim().Split('.') ?? [];
            if (parts.Length != 2 || !schema.OutboundMessages.TryGetValue(parts[0], out var messages) || !messages.Contains(parts[1]))
            {
                problems.Add(PackageProblem.At(flow, name ?? (XObject)action, $"the flow {flow.Name} sends the outbound message '{name?.Value.Trim()}', which no workflows/OBJECT.workflow-meta.xml defines."));
            }
        }
    }

    private static void RecordElement(MetadataFile flow, XElement element, SchemaIndex schema, List<PackageProblem> problems)
    {
        var objectElement = element.Element(Md + "object");
        if (objectElement is null)
        {
            return; // works on a record variable, not an object named here
        }

        var obj = objectElement.Value.Trim();
        var what = $"the flow {flow.Name}'s {element.Name.LocalName} {SchemaIndex.Text(element, "name")} reads";
        if (!ReferenceCheck.Object(flow, objectElement, obj, what, schema, problems))
        {
            return;
        }

        var fields = element.Elements(Md + "filters").Select(f => f.Element(Md + "field"))
            .Concat(element.Elements(Md + "inputAssignments").Select(a => a.Element(Md + "field")))
            .Concat(element.Elements(Md + "queriedFields"))
            .OfType<XElement>();
        foreach (var field in fields)
        {
            ReferenceCheck.Field(flow, field, obj, field.Value.Trim(), what, schema, problems);
        }
    }

    /// <summary><c>$Record.Field</c> or <c>$Record__Prior.Field</c>, in a reference or inside a formula's <c>{!...}</c>.</summary>
    [GeneratedRegex(@"(?<record>\$Record(?:__Prior)?)\.(?<field>[A-Za-z][A-Za-z0-9_]*)(?![A-Za-z0-9_.])")]
    private static partial Regex RecordReference();
}
