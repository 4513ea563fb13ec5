using System.Xml.Linq;

namespace CrmRecording.Cli.Salesforce;

/// <summary>
/// The Metadata API reads a component's elements in its WSDL order (fullName first, then alphabetical) and refuses
/// one out of place at deploy ("Element ... invalid at this location"); the converter passes it through, so it is
/// checked here.
/// </summary>
internal static class OrderCheck
{
    public static void Run(PackageSource source, List<PackageProblem> problems)
    {
        foreach (var file in source.Files.Where(f => !f.IsContent && f.Document is not null))
        {
            XElement? previous = null;
            foreach (var element in file.Root.Elements())
            {
                if (previous is not null && Compare(previous, element) > 0)
                {
                    problems.Add(PackageProblem.At(file, element, $"<{element.Name.LocalName}> must come before <{previous.Name.LocalName}>: the Metadata API reads a {file.Type}'s elements in order (fullName, then alphabetical) and refuses one out of place."));
                    break;
                }

                previous = element;
            }
        }
    }

    private static int Compare(XElement a, XElement b) =>
        (a.Name.LocalName == "fullName", b.Name.LocalName == "fullName") switch
        {
            (true, false) => -1,
            (false, true) => 1,
            _ => string.CompareOrdinal(a.Name.LocalName, b.Name.LocalName),
        };
}
