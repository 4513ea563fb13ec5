using System.Collections.Concurrent;
using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CrmRecording.Vault.Tests.Keys.AzureKeyVault;

/// <summary>
/// The SDK's transport, answering as Key Vault does: a request without a bearer token gets the documented 401
/// challenge (<c>AKV10000</c>, <c>WWW-Authenticate: Bearer authorization="…", resource="…"</c>), which is how the
/// SDK learns the tenant and audience before it asks its credential; every other request is recorded and answered
/// by the script, so tests see the exact wire traffic.
/// </summary>
internal sealed class FakeKeyVaultTransport(Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> respond) : HttpPipelineTransport
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<RecordedRequest> _challenged = new();

    /// <summary>The audience the challenge names; by default Key Vault's (or Managed HSM's) own.</summary>
    public string? ChallengeResource { get; init; }

    /// <summary>The requests that carried a token, in the order sent.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>The requests sent without a token, which the fake answered with the challenge.</summary>
    public IReadOnlyList<RecordedRequest> Challenged => [.. _challenged];

    /// <summary>Answers the n-th authorized request with the n-th response; one request too many fails the test.</summary>
    public static FakeKeyVaultTransport Replay(params Func<HttpResponseMessage>[] responses)
    {
        var next = 0;
        return new FakeKeyVaultTransport((request, _) =>
        {
            var index = Interlocked.Increment(ref next) - 1;
            Assert.True(index < responses.Length, $"unexpected request #{index + 1}: {request.Method} {request.Uri}");
            return Task.FromResult(responses[index]());
        });
    }

    public override Request CreateRequest() => new FakeRequest();

    public override void Process(HttpMessage message) => throw new NotSupportedException("The key wrapper is async only.");

    public override async ValueTask ProcessAsync(HttpMessage message)
    {
        var request = message.Request;
        var cancellationToken = message.CancellationToken;
        cancellationToken.ThrowIfCancellationRequested();
        string? body = null;
        if (request.Content is { } content)
        {
            using var buffer = new MemoryStream();
            await content.WriteToAsync(buffer, cancellationToken);
            body = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }

        var recorded = new RecordedRequest(
            new HttpMethod(request.Method.Method),
            request.Uri.ToUri(),
            request.Headers.TryGetValue("Authorization", out var authorization) ? authorization : null,
            request.Headers.TryGetValue("Content-Type", out var contentType) ? contentType : null,
            request.Headers.TryGetValue("Accept", out var accept) ? accept : string.Empty,
            request.ClientRequestId,
            body);
        HttpResponseMessage answer;
        if (recorded.Authorization is null)
        {
            _challenged.Enqueue(recorded);
            answer = KeyVaultResponses.Challenge(ChallengeResource ?? KeyVaultResponses.Audience(recorded.Uri), KeyVaultFixtures.MissingToken);
        }
        else
        {
            _requests.Enqueue(recorded);
            answer = await respond(recorded, cancellationToken);
        }

        using (answer)
        {
            message.Response = await FakeResponse.FromAsync(answer, request.ClientRequestId, cancellationToken);
        }
    }
}
