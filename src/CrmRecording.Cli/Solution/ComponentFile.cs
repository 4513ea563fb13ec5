using System.Xml.Linq;

namespace CrmRecording.Cli.Solution;

/// <summary>
/// What every component kept one file per id (a form, view, chart or dashboard) must satisfy: an id no other
/// component of its kind uses, a file SolutionPackager's way named after it, and a name to show.
/// </summary>
internal static class ComponentFile
{
    /// <param name="component">The element holding the id and the LocalizedNames.</param>
    /// <param name="idElement">The id's element name (formid, savedqueryid...).</param>
    /// <param name="kind">What the component is called in messages (form, view, chart, dashboard).</param>
    /// <param name="others">What else must not share the id, in messages ("another view").</param>
    /// <returns>How messages name the component: its element and id.</returns>
    public static string Check(SourceDocument document, XElement component, string idElement, Guid id, string kind, string others, HashSet<Guid> ids, List<SourceProblem> problems)
    {
        var where = $"<{component.Name.LocalName}> <{idElement}>{component.Element(idElement)!.Value}</{idElement}>";
        if (!ids.Add(id))
        {
            problems.Add(SourceProblem.At(document, component.Element(idElement), where, $"the id is used by {others}."));
        }

        if (!string.Equals(Path.GetFileNameWithoutExtension(document.Path), SolutionXml.Braced(id), StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(SourceProblem.At(document, component.Element(idElement), where, $"SolutionPackager names the file after the {kind} id: {SolutionXml.Braced(id)}.xml."));
        }

        if (component.Element("LocalizedNames")?.Element("LocalizedName")?.Attribute("description")?.Value is not { Length: > 0 })
        {
            problems.Add(SourceProblem.At(document, component, where, $"needs <LocalizedNames> with the {kind}'s name."));
        }

        return where;
    }
}
