namespace CrmRecording.Emulators.Dataverse.Http.Batch;

/// <summary>
/// Reads a <c>$batch</c> body as Microsoft documents it ("Execute batch operations using the Web API", OData 4.0 §11.7):
/// <c>multipart/mixed</c> parts, each an <c>application/http</c> request with <c>Content-Transfer-Encoding: binary</c> or
/// a <c>multipart/mixed</c> change set of such requests; no <c>GET</c> inside a change set, no change set inside a change
/// set, at most 1,000 requests in all. Anything else is a 400 naming what is wrong.
/// </summary>
internal static class BatchRequestReader
{
    public const int MaxOperations = 1_000;

    public static IReadOnlyList<BatchItem> Read(string? contentType, string body)
    {
        var boundary = MimePart.Boundary(contentType)
            ?? throw Bad("A $batch request needs 'Content-Type: multipart/mixed; boundary=batch_<unique identifier>'.");
        var parts = MimePart.Split(body, boundary)
            ?? throw Bad($"The batch body does not end with its terminating boundary '--{boundary}--'.");
        var items = new List<BatchItem>(parts.Count);
        foreach (var part in parts)
        {
            if (MimePart.Boundary(part.Header("Content-Type")) is { } changeSet)
            {
                var inner = MimePart.Split(part.Content, changeSet)
                    ?? throw Bad($"The change set does not end with its terminating boundary '--{changeSet}--'.");
                if (inner.Count == 0)
                {
                    throw Bad("A change set must contain at least one request.");
                }

                items.Add(new BatchItem([.. inner.Select(p => Operation(p, inChangeSet: true))], IsChangeSet: true));
            }
            else
            {
                items.Add(new BatchItem([Operation(part, inChangeSet: false)], IsChangeSet: false));
            }
        }

        var count = items.Sum(i => i.Operations.Count);
        if (count > MaxOperations)
        {
            throw Bad($"The batch contains {count} requests; a batch may contain at most {MaxOperations}.");
        }

        var ids = items.SelectMany(i => i.Operations).Select(o => o.ContentId).OfType<string>().ToList();
        if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
        {
            throw Bad("Every Content-ID in a batch must be unique.");
        }

        return items;
    }

    private static BatchOperation Operation(MimePart part, bool inChangeSet)
    {
        var type = part.Header("Content-Type") ?? string.Empty;
        if (MimePart.Boundary(type) is not null)
        {
            throw Bad("A change set cannot contain another change set.");
        }

        if (!type.Split(';')[0].Trim().Equals("application/http", StringComparison.OrdinalIgnoreCase))
        {
            throw Bad($"Every part of a batch must be 'Content-Type: application/http' or a change set (got '{type}').");
        }

        if (!string.Equals(part.Header("Content-Transfer-Encoding"), "binary", StringComparison.OrdinalIgnoreCase))
        {
            throw Bad("Every request part of a batch must have 'Content-Transfer-Encoding: binary'.");
        }

        var lines = part.Content.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var requestLine = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (requestLine.Length != 3 || !requestLine[2].StartsWith("HTTP/", StringComparison.Ordinal))
        {
            throw Bad($"A batch request part must start with a request line such as 'PATCH /api/data/v9.2/contacts(…) HTTP/1.1' (got '{lines[0]}').");
        }

        var message = MimePart.Parse(lines[1..]);
        var method = requestLine[0].ToUpperInvariant();
        if (inChangeSet && method == "GET")
        {
            throw Bad("GET requests are not allowed within change sets.");
        }

        return new BatchOperation(method, requestLine[1], message.Headers, message.Content, part.Header("Content-ID"));
    }

    private static WebApiErrorException Bad(string message) => new(WebApiError.BadRequest(message));
}
