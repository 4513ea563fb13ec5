namespace CrmRecording.Dataverse.Tests.Support;

/// <summary>The transport fake: records each request and answers with the next queued reply (safe for concurrent sends).</summary>
internal sealed class StubHttpHandler : HttpMessageHandler
{
    private readonly Queue<Func<RecordedRequest, HttpResponseMessage>> replies = new();
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

    public StubHttpHandler Reply(Func<RecordedRequest, HttpResponseMessage> reply)
    {
        lock (requests)
        {
            replies.Enqueue(reply);
        }

        return this;
    }

    public StubHttpHandler Reply(Func<HttpResponseMessage> reply) => Reply(_ => reply());

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var recorded = await RecordedRequest.FromAsync(request, cancellationToken);
        Func<RecordedRequest, HttpResponseMessage>? reply;
        lock (requests)
        {
            requests.Add(recorded);
            replies.TryDequeue(out reply);
        }

        if (reply is null)
        {
            throw new InvalidOperationException($"No reply queued for {recorded.Method} {recorded.Uri}.");
        }

        var response = reply(recorded);
        response.RequestMessage = request;
        return response;
    }
}
