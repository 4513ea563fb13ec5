using System.Collections.Concurrent;

namespace CrmRecording.Vault.Tests.Keys.AzureKeyVault;

/// <summary>The transport: records each request and answers from a script, so tests see the exact wire traffic.</summary>
internal sealed class StubHttpHandler(Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Answers the n-th request with the n-th response; one request too many fails the test.</summary>
    public static StubHttpHandler Replay(params Func<HttpResponseMessage>[] responses)
    {
        var next = 0;
        return new StubHttpHandler((request, _) =>
        {
            var index = Interlocked.Increment(ref next) - 1;
            Assert.True(index < responses.Length, $"unexpected request #{index + 1}: {request.Method} {request.Uri}");
            return Task.FromResult(responses[index]());
        });
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.Authorization?.ToString(),
            request.Content?.Headers.ContentType?.ToString(),
            request.Headers.Accept.ToString(),
            request.Headers.TryGetValues("x-ms-client-request-id", out var ids) ? ids.Single() : null,
            body);
        _requests.Enqueue(recorded);
        var response = await respond(recorded, cancellationToken);
        response.RequestMessage = request;
        return response;
    }
}
