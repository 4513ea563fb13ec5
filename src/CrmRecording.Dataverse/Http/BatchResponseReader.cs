using System.Globalization;
using System.Net.Http.Headers;

namespace CrmRecording.Dataverse.Http;

/// <summary>
/// Reads a <c>$batch</c> answer (<c>multipart/mixed</c> parts of <c>application/http</c> responses, a change set's nested in
/// its own <c>multipart/mixed</c> part) into one status per response, in order, with the error of a failed one.
/// </summary>
internal static class BatchResponseReader
{
    public static async Task<IReadOnlyList<BatchOperationResult>> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var boundary = BoundaryOf(response.Content.Headers.ContentType);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var results = new List<BatchOperationResult>();
        if (boundary is null || !Collect(text, boundary, results))
        {
            throw new DataverseException((int)response.StatusCode, null, "The $batch response is not a multipart/mixed body with its closing boundary.", DataverseErrorReader.RequestId(response));
        }

        return results;
    }

    private static bool Collect(string body, string boundary, List<BatchOperationResult> results)
    {
        var delimiter = "--" + boundary;
        var sections = body.Replace("\r\n", "\n", StringComparison.Ordinal).Split(delimiter);
        if (sections.Length < 2 || !sections[^1].StartsWith("--", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var section in sections[1..^1])
        {
            var (headers, content) = SplitHead(section.TrimStart('\n'));
            var nested = headers.TryGetValue("Content-Type", out var type) && MediaTypeHeaderValue.TryParse(type, out var media) ? BoundaryOf(media) : null;
            if (nested is not null)
            {
                if (!Collect(content, nested, results))
                {
                    return false;
                }
            }
            else if (Operation(content) is { } result)
            {
                results.Add(result);
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>HTTP/1.1 204 No Content</c>, the response's headers, a blank line and its body.</summary>
    private static BatchOperationResult? Operation(string message)
    {
        var (head, body) = SplitHead(message);
        var statusLine = message.Split('\n', 2)[0].Split(' ', 3);
        if (statusLine.Length < 2 || !statusLine[0].StartsWith("HTTP/", StringComparison.Ordinal)
            || !int.TryParse(statusLine[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            return null;
        }

        head.TryGetValue("OData-EntityId", out var entityId);
        if (status is >= 200 and < 300)
        {
            return new BatchOperationResult(status, entityId, null);
        }

        var (code, text) = DataverseErrorReader.Parse(body.Trim());
        head.TryGetValue("REQ_ID", out var requestId);
        return new BatchOperationResult(status, entityId, new DataverseException(status, code, text ?? $"{status} {(statusLine.Length > 2 ? statusLine[2] : string.Empty)}".Trim(), requestId));
    }

    private static (Dictionary<string, string> Headers, string Content) SplitHead(string section)
    {
        var end = section.IndexOf("\n\n", StringComparison.Ordinal);
        var head = end < 0 ? section : section[..end];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in head.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && !line.StartsWith("HTTP/", StringComparison.Ordinal))
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return (headers, end < 0 ? string.Empty : section[(end + 2)..]);
    }

    private static string? BoundaryOf(MediaTypeHeaderValue? type) =>
        type?.MediaType is "multipart/mixed"
            ? type.Parameters.FirstOrDefault(p => string.Equals(p.Name, "boundary", StringComparison.OrdinalIgnoreCase))?.Value?.Trim('"')
            : null;
}

/// <summary>One response of a <c>$batch</c>: its status, the row it created or changed, and its error when it failed.</summary>
internal sealed record BatchOperationResult(int Status, string? EntityId, DataverseException? Error);
