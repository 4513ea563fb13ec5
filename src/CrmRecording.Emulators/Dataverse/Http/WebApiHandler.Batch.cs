using System.Text.RegularExpressions;
using CrmRecording.Emulators.Dataverse.Http.Batch;
using CrmRecording.Emulators.Dataverse.Operations;
using Microsoft.AspNetCore.Http;

namespace CrmRecording.Emulators.Dataverse.Http;

/// <summary>
/// <c>POST $batch</c> (Microsoft Learn, "Execute batch operations using the Web API"): the requests run in order, each
/// answered as it would be on its own; a change set is one transaction (a failure undoes its earlier writes, and their
/// asynchronous steps never run) whose requests may refer to what an earlier one created as <c>$Content-ID</c>. The
/// first failure ends the batch, which answers with that failure's status and only its part, unless
/// <c>Prefer: odata.continue-on-error</c> asks for every request to be tried (200, each failure in its own part). The
/// whole batch counts once against the service protection limits, as one request to the web server.
/// </summary>
internal sealed partial class WebApiHandler
{
    private const string ChangeSetKey = "crr.changeset";

    private async Task BatchAsync(HttpContext context, string body)
    {
        var items = BatchRequestReader.Read(context.Request.ContentType, body);
        var continueOnError = context.Request.Headers["Prefer"].Any(p => (p ?? string.Empty).Split(',').Any(v => v.Trim().Equals("odata.continue-on-error", StringComparison.OrdinalIgnoreCase)));
        var answer = new BatchResponseWriter();
        OperationResponse? stop = null;
        foreach (var item in items)
        {
            if (item.IsChangeSet)
            {
                var (responses, failure) = await RunChangeSetAsync(context, item.Operations).ConfigureAwait(false);
                if (failure is null)
                {
                    answer.AddChangeSet(responses);
                    continue;
                }

                answer.Add(failure);
                stop = failure;
            }
            else
            {
                var response = await RunOperationAsync(context, item.Operations[0], null, new Dictionary<string, string>(StringComparer.Ordinal)).ConfigureAwait(false);
                answer.Add(response);
                stop = response.Succeeded ? null : response;
            }

            if (stop is not null && !continueOnError)
            {
                break;
            }
        }

        if (stop is not null && !continueOnError)
        {
            // Without odata.continue-on-error the batch is answered with the failure that ended it.
            answer = new BatchResponseWriter();
            answer.Add(stop);
        }

        context.Response.StatusCode = stop is not null && !continueOnError ? stop.Status : StatusCodes.Status200OK;
        context.Response.ContentType = answer.ContentType;
        await context.Response.WriteAsync(answer.Complete(), context.RequestAborted).ConfigureAwait(false);
    }

    private async Task<(List<(OperationResponse, string?)> Responses, OperationResponse? Failure)> RunChangeSetAsync(HttpContext context, IReadOnlyList<BatchOperation> operations)
    {
        var changeSet = new ChangeSet();
        var created = new Dictionary<string, string>(StringComparer.Ordinal);
        var responses = new List<(OperationResponse, string?)>(operations.Count);
        foreach (var operation in operations)
        {
            var response = await RunOperationAsync(context, operation, changeSet, created).ConfigureAwait(false);
            if (!response.Succeeded)
            {
                writer.RollBack(changeSet);
                return (responses, response);
            }

            if (operation.ContentId is { } contentId && response.Headers.FirstOrDefault(h => h.Key == "OData-EntityId").Value is { } entity
                && entity.StartsWith(ApiBase.AbsoluteUri, StringComparison.Ordinal))
            {
                created[contentId] = entity[ApiBase.AbsoluteUri.Length..];
            }

            responses.Add((response, operation.ContentId));
        }

        writer.Commit(changeSet);
        return (responses, null);
    }

    private async Task<OperationResponse> RunOperationAsync(HttpContext context, BatchOperation operation, ChangeSet? changeSet, Dictionary<string, string> created)
    {
        var inner = new DefaultHttpContext { RequestAborted = context.RequestAborted };
        using var buffer = new MemoryStream();
        inner.Response.Body = buffer;
        inner.Request.Method = operation.Method;
        foreach (var (name, value) in operation.Headers)
        {
            inner.Request.Headers[name] = value;
        }

        inner.Request.Headers.TryAdd("x-ms-correlation-request-id", context.Request.Headers["x-ms-correlation-request-id"]);
        inner.Items[CallerKey] = context.Items[CallerKey];
        inner.Items[ChangeSetKey] = changeSet;
        var preferences = Preferences.From(inner.Request);
        try
        {
            var (path, query) = BatchTarget(operation.Url, created);
            inner.Request.Path = ApiPath + path;
            inner.Request.QueryString = new QueryString(query);
            CheckODataVersion(inner.Request);
            if (path == "$batch")
            {
                throw new WebApiErrorException(WebApiError.BadRequest("A batch cannot contain another batch."));
            }

            await DispatchAsync(inner, path, References(operation.Body, created), preferences).ConfigureAwait(false);
        }
        catch (WebApiErrorException exception)
        {
            inner.Response.Headers["REQ_ID"] = Guid.NewGuid().ToString("D");
            await WebApiResponses.WriteErrorAsync(inner, exception.Error, preferences).ConfigureAwait(false);
        }

        var headers = new List<KeyValuePair<string, string>>();
        if (inner.Response.ContentType is { Length: > 0 } type)
        {
            headers.Add(new("Content-Type", type));
        }

        headers.AddRange(inner.Response.Headers.Where(h => h.Key is not "Content-Type").Select(h => new KeyValuePair<string, string>(h.Key, h.Value.ToString())));
        headers.Add(new("OData-Version", "4.0"));
        if (inner.Response.Headers["OData-EntityId"].ToString() is { Length: > 0 } entityId)
        {
            headers.Add(new("Location", entityId));
        }

        return new OperationResponse(inner.Response.StatusCode, headers, System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>The path after <c>/api/data/v9.2/</c> and the query of a batch request's URL, with a leading <c>$n</c> resolved.</summary>
    private static (string Path, string Query) BatchTarget(string url, Dictionary<string, string> created)
    {
        if (ContentIdReference().Match(url) is { Success: true } reference)
        {
            var id = reference.Groups["id"].Value;
            url = ApiPath + (created.TryGetValue(id, out var entity) ? entity : throw UnknownReference(id)) + url[reference.Length..];
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            url = absolute.PathAndQuery;
        }

        var queryAt = url.IndexOf('?', StringComparison.Ordinal);
        var (path, query) = queryAt < 0 ? (url, string.Empty) : (url[..queryAt], url[queryAt..]);
        if (path.StartsWith(ApiPath, StringComparison.Ordinal))
        {
            return (path[ApiPath.Length..], query);
        }

        return path.StartsWith('/') ? throw new WebApiErrorException(WebApiError.SegmentNotFound(path.Trim('/'))) : (path, query);
    }

    /// <summary>Replaces each <c>"$n"</c> JSON string (an <c>@odata.bind</c> or <c>@odata.id</c> value) with what request n created.</summary>
    private static string References(string body, Dictionary<string, string> created) =>
        QuotedReference().Replace(body, m => created.TryGetValue(m.Groups["id"].Value, out var entity) ? $"\"/{entity}\"" : throw UnknownReference(m.Groups["id"].Value));

    private static WebApiErrorException UnknownReference(string id) =>
        new(WebApiError.BadRequest($"Content-ID Reference: '${id}' does not exist in the batch context."));

    [GeneratedRegex(@"^\$(?<id>[A-Za-z0-9_.-]+)(?=/|$)", RegexOptions.CultureInvariant)]
    private static partial Regex ContentIdReference();

    [GeneratedRegex(@"""\$(?<id>[A-Za-z0-9_.-]+)""", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedReference();
}
