namespace CrmRecording.Cli.Solution;

/// <summary>PluginAssemblies/ServiceEndpoints.xml: webhook endpoints the steps can run on, and the one pac.config names.</summary>
internal static class ServiceEndpointCheck
{
    private const string FilePath = "PluginAssemblies/ServiceEndpoints.xml";

    public static void Run(SolutionSource source, SourceCatalog catalog, PacConfig config, List<SourceProblem> problems)
    {
        if (source.ServiceEndpoints is not { } document)
        {
            problems.Add(new SourceProblem(FilePath, null, "file", $"missing; the steps need the webhook named by webhook.serviceEndpoint in {config.Path} ('{config.ServiceEndpointName}')."));
            return;
        }

        if (document.Root.Name.LocalName != "ServiceEndpoints")
        {
            problems.Add(SourceProblem.At(document, document.Root, $"<{document.Root.Name.LocalName}>", "the root must be <ServiceEndpoints>."));
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in document.Root.Elements("ServiceEndpoint"))
        {
            var name = endpoint.Attribute("Name")?.Value;
            var where = $"<ServiceEndpoint Name=\"{name}\">";
            if (string.IsNullOrWhiteSpace(name) || SolutionXml.Guid(endpoint.Attribute("ServiceEndpointId")?.Value) is null || !names.Add(name))
            {
                problems.Add(SourceProblem.At(document, endpoint, where, "needs a unique Name and a ServiceEndpointId GUID."));
                continue;
            }

            if (endpoint.Element("Contract")?.Value != "8")
            {
                problems.Add(SourceProblem.At(document, endpoint, where, "<Contract> must be 8 (webhook): the steps are delivered to the media service over HTTPS."));
                continue;
            }

            if (SolutionXml.Int(endpoint.Element("AuthType")?.Value) is not (4 or 5 or 6))
            {
                problems.Add(SourceProblem.At(document, endpoint, where, "<AuthType> must be 4 (WebhookKey), 5 (HttpHeader) or 6 (HttpQueryString)."));
            }

            if (endpoint.Element("MessageFormat")?.Value != "2")
            {
                problems.Add(SourceProblem.At(document, endpoint, where, "<MessageFormat> must be 2 (JSON), the format the media service reads."));
            }

            var url = endpoint.Element("Url")?.Value;
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            {
                problems.Add(SourceProblem.At(document, endpoint.Element("Url") ?? endpoint, $"{where} <Url>{url}</Url>", "must be an absolute https URL."));
            }
        }

        if (!catalog.ServiceEndpoints.ContainsKey(config.ServiceEndpointName))
        {
            problems.Add(SourceProblem.At(document, document.Root, $"<ServiceEndpoint Name=\"{config.ServiceEndpointName}\">",
                $"webhook.serviceEndpoint in {config.Path} names this endpoint as every step's handler, but it is not declared here (declared: {string.Join(", ", catalog.ServiceEndpoints.Keys)})."));
        }
    }
}
