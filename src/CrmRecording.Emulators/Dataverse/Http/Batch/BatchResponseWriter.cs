using System.Net;
using System.Text;

namespace CrmRecording.Emulators.Dataverse.Http.Batch;

/// <summary>
/// Writes a <c>$batch</c> answer as Dataverse does: <c>--batchresponse_{guid}</c> parts, each an <c>application/http</c>
/// response (<c>HTTP/1.1 204 No Content</c>, its headers, a blank line, its body) or a change set's
/// <c>multipart/mixed; boundary=changesetresponse_{guid}</c> whose parts repeat their request's <c>Content-ID</c>.
/// </summary>
internal sealed class BatchResponseWriter
{
    private readonly StringBuilder text = new();

    public string Boundary { get; } = $"batchresponse_{Guid.NewGuid():D}";

    public string ContentType => $"multipart/mixed; boundary={Boundary}";

    public void Add(OperationResponse response) => Part(Boundary, response, null);

    public void AddChangeSet(IReadOnlyList<(OperationResponse Response, string? ContentId)> responses)
    {
        var changeSet = $"changesetresponse_{Guid.NewGuid():D}";
        text.Append("--").Append(Boundary).Append("\r\n")
            .Append("Content-Type: multipart/mixed; boundary=").Append(changeSet).Append("\r\n\r\n");
        foreach (var (response, contentId) in responses)
        {
            Part(changeSet, response, contentId);
        }

        text.Append("--").Append(changeSet).Append("--\r\n");
    }

    public string Complete() => text.Append("--").Append(Boundary).Append("--\r\n").ToString();

    private void Part(string boundary, OperationResponse response, string? contentId)
    {
        text.Append("--").Append(boundary).Append("\r\n")
            .Append("Content-Type: application/http\r\n")
            .Append("Content-Transfer-Encoding: binary\r\n");
        if (contentId is not null)
        {
            text.Append("Content-ID: ").Append(contentId).Append("\r\n");
        }

        var reason = ReasonPhrase(response.Status);
        text.Append("\r\nHTTP/1.1 ").Append(response.Status).Append(' ').Append(reason).Append("\r\n");
        foreach (var (name, value) in response.Headers)
        {
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        text.Append("\r\n").Append(response.Body).Append("\r\n");
    }

    private static string ReasonPhrase(int status) => (HttpStatusCode)status switch
    {
        HttpStatusCode.NoContent => "No Content",
        HttpStatusCode.BadRequest => "Bad Request",
        HttpStatusCode.NotFound => "Not Found",
        HttpStatusCode.PreconditionFailed => "Precondition Failed",
        HttpStatusCode.MethodNotAllowed => "Method Not Allowed",
        var other => other.ToString(),
    };
}

/// <summary>What one request of a batch was answered, as it would have been on its own.</summary>
internal sealed record OperationResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body)
{
    public bool Succeeded => Status is >= 200 and < 300;
}
