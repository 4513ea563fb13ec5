namespace CrmRecording.Testing.Http;

/// <summary>The transport fake: records each request and answers with the next queued reply (safe for concurrent sends).</summary>
public sealed class StubHttpHandler : HttpMessageHandler
{
    private readonly Queue<Func<RecordedRequest, Task<HttpResponseMessage>>> replies = new();
    private readonly List<RecordedRequest> requests = [];

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests];
            }
        }
    }

    public StubHttpHandler Reply(Func<RecordedRequest, HttpResponseMessage> reply) => ReplyAsync(r => Task.FromResult(reply(r)));

    /// <summary>A reply that completes later, e.g. when a test releases it, to hold a request in flight.</summary>
    public StubHttpHandler ReplyAsync(Func<RecordedRequest, Task<HttpResponseMessage>> reply)
    {
        lock (requests)
        {
            replies.Enqueue(reply);
        }

        return this;
    }

    public StubHttpHandler Reply(Func<HttpResponseMessage> reply) => Reply(_ => reply());

    /// <summary>The next send fails as a refused or broken connection does.</summary>
    public StubHttpHandler Fail(string message = "Connection refused (api.twilio.com:443)") =>
        Reply(_ => throw new HttpRequestException(message));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var recorded = await RecordedRequest.FromAsync(request, cancellationToken);
        Func<RecordedRequest, Task<HttpResponseMessage>>? reply;
        lock (requests)
        {
            requests.Add(recorded);
            replies.TryDequeue(out reply);
        }

        if (reply is null)
        {
            throw new InvalidOperationException($"No reply queued for {recorded.Method} {recorded.Uri}.");
        }

        var response = await reply(recorded);
        response.RequestMessage = request;
        return response;
    }
}
