using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace CrmRecording.Cli.Salesforce;

/// <summary>
/// <c>crmrec salesforce register</c>: writes a deploy-ready copy of the package with the media service's URL in the
/// call center and the remote site, and the notification endpoint (with its secret) and run-as user in the outbound
/// messages. The org is then changed by the admin's own <c>sf project deploy start</c>, not by crmrec.
/// </summary>
internal static class SalesforceRegistrar
{
    private static readonly XNamespace Md = PackageSourceReader.Metadata;

    /// <returns>The problems of the source or of the written copy; empty when the copy was written.</returns>
    /// <exception cref="UsageException">The output folder is something else.</exception>
    public static IReadOnlyList<PackageProblem> Write(string sourceRoot, string output, RegisterOptions options)
    {
        var problems = new List<PackageProblem>();
        var source = SalesforceValidator.Validate(sourceRoot, problems);
        if (problems.Count > 0)
        {
            return problems;
        }

        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any() && !File.Exists(Path.Combine(output, "sfdx-project.json")))
        {
            throw new UsageException($"--out: {output} is a folder that is not an earlier register output; name an empty or new folder.");
        }

        var staging = $"{output.TrimEnd(Path.DirectorySeparatorChar)}.{Guid.NewGuid():N}.tmp";
        try
        {
            Copy(sourceRoot, staging);
            foreach (var file in source.Files.Where(f => !f.IsContent && f.Type is "Workflow" or "CallCenter" or "RemoteSiteSetting"))
            {
                var document = XDocument.Load(Path.Combine(staging, file.Path), LoadOptions.PreserveWhitespace);
                Fill(file.Type, document.Root!, options);
                document.Save(Path.Combine(staging, file.Path), SaveOptions.DisableFormatting);
            }

            SalesforceValidator.Validate(staging, problems);
            if (problems.Count == 0)
            {
                if (Directory.Exists(output))
                {
                    Directory.Delete(output, recursive: true);
                }

                Directory.Move(staging, output);
            }

            return problems;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static void Fill(string type, XElement root, RegisterOptions options)
    {
        switch (type)
        {
            case "Workflow":
                foreach (var message in root.Elements(Md + "outboundMessages"))
                {
                    message.Element(Md + "endpointUrl")!.Value = options.NotificationUrl;
                    message.Element(Md + "integrationUser")!.Value = options.IntegrationUser;
                }

                break;
            case "CallCenter":
                root.Element(Md + "adapterUrl")!.Value = options.DialerUrl;
                foreach (var item in root.Elements(Md + "sections").Elements(Md + "items").Where(i => SchemaIndex.Text(i, "name") == "reqAdapterUrl"))
                {
                    item.Element(Md + "value")!.Value = options.DialerUrl;
                }

                if (root.Element(Md + "customSettings") is { } settings && JsonNode.Parse(settings.Value) is JsonObject json)
                {
                    json["reqAdapterUrl"] = options.DialerUrl;
                    settings.Value = json.ToJsonString();
                }

                break;
            case "RemoteSiteSetting":
                root.Element(Md + "url")!.Value = options.Service.GetLeftPart(UriPartial.Authority);
                break;
        }
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
