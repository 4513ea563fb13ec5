using System.Net;
using CrmRecording.Dataverse.Authentication;
using CrmRecording.Dataverse.Tests.Support;
using CrmRecording.Testing.Http;

namespace CrmRecording.Dataverse.Tests;

public sealed class DataverseClientTokenTests
{
    private static readonly Guid ContactId = Guid.Parse("0928bcb4-bb27-ed11-9db1-002248274ada");

    [Fact]
    public async Task Tokens_SeveralOperationsAndRetries_RequestedOnceAndReused()
    {
        using var h = new ClientHarness();
        h.Handler
            .Reply(() => Responses.Json(HttpStatusCode.OK, "{}"))
            .Reply(() => Responses.Throttled("1"))
            .Reply(() => Responses.Json(HttpStatusCode.OK, "{}"))
            .Reply(() => Responses.Empty(HttpStatusCode.NoContent));

        await h.Client.GetContactAsync(ContactId);
        await h.Client.GetLeadAsync(ContactId);
        await h.Client.UpdateAsync("contacts", ContactId, new Dictionary<string, object?> { ["crr_verifiedregion"] = "US-CA" });

        Assert.Equal(1, h.Tokens.Calls);
        Assert.All(h.Handler.Requests, r => Assert.Equal("Bearer token-1", r.Header("Authorization")));
    }

    [Fact]
    public async Task Tokens_WithinFiveMinutesOfExpiry_AreRequestedAgain()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Json(HttpStatusCode.OK, "{}")).Reply(() => Responses.Json(HttpStatusCode.OK, "{}"));

        await h.Client.GetContactAsync(ContactId);
        h.Time.Advance(TimeSpan.FromMinutes(56));
        await h.Client.GetContactAsync(ContactId);

        Assert.Equal(2, h.Tokens.Calls);
        Assert.Equal("Bearer token-2", h.Handler.Requests[1].Header("Authorization"));
    }

    [Fact]
    public async Task Tokens_StaticTokenForTheLocalStandIn_SentAsBearer()
    {
        using var handler = new StubHttpHandler();
        using var http = new HttpClient(handler);
        var options = new DataverseClientOptions { EnvironmentUrl = new Uri("http://127.0.0.1:5071"), StaticAccessToken = "sandbox" };
        var client = new DataverseClient(http, new StaticDataverseTokenSource("sandbox"), options, TimeProvider.System);
        handler.Reply(() => Responses.Json(HttpStatusCode.OK, "{}"));

        await client.GetContactAsync(ContactId);

        var request = Assert.Single(handler.Requests);
        Assert.StartsWith("http://127.0.0.1:5071/api/data/v9.2/contacts(", request.Uri, StringComparison.Ordinal);
        Assert.Equal("Bearer sandbox", request.Header("Authorization"));
    }

    [Fact]
    public async Task Tokens_ConcurrentRequests_ShareOnePendingTokenRequest()
    {
        var source = new GatedTokenSource();
        using var handler = new StubHttpHandler();
        using var http = new HttpClient(handler);
        var client = new DataverseClient(http, source, ClientHarness.ValidOptions(), TimeProvider.System);
        for (var i = 0; i < 5; i++)
        {
            handler.Reply(() => Responses.Json(HttpStatusCode.OK, "{}"));
        }

        var reads = Enumerable.Range(0, 5).Select(_ => client.GetContactAsync(ContactId)).ToList();
        source.Release("shared");
        await Task.WhenAll(reads);

        Assert.Equal(1, source.Calls);
        Assert.All(handler.Requests, r => Assert.Equal("Bearer shared", r.Header("Authorization")));
    }

    [Fact]
    public async Task Tokens_SourceFails_DataverseExceptionThenTheNextCallAsksAgain()
    {
        var source = new GatedTokenSource();
        using var handler = new StubHttpHandler();
        using var http = new HttpClient(handler);
        var client = new DataverseClient(http, source, ClientHarness.ValidOptions(), TimeProvider.System);
        source.Fail(new InvalidOperationException("AADSTS7000215: Invalid client secret provided."));

        var e = await Assert.ThrowsAsync<DataverseException>(() => client.GetContactAsync(ContactId));

        Assert.Equal(0, e.Status);
        Assert.Contains("AADSTS7000215", e.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
        handler.Reply(() => Responses.Json(HttpStatusCode.OK, "{}"));
        source.Reset();
        var read = client.GetContactAsync(ContactId);
        source.Release("second");
        await read;
        Assert.Equal(2, source.Calls);
    }

    [Fact]
    public void AccessToken_ToString_DoesNotRevealTheToken()
    {
        var token = new DataverseAccessToken("eyJ0eXAiOiJKV1Qi.secret", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));

        Assert.DoesNotContain("secret", token.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A token source whose answer the test releases (or fails) when it chooses.</summary>
    private sealed class GatedTokenSource : IDataverseTokenSource
    {
        private TaskCompletionSource<DataverseAccessToken> gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int calls;

        public int Calls => calls;

        public ValueTask<DataverseAccessToken> GetTokenAsync(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref calls);
            return new ValueTask<DataverseAccessToken>(gate.Task);
        }

        public void Release(string token) => gate.SetResult(new DataverseAccessToken(token, DateTimeOffset.MaxValue));

        public void Fail(Exception e) => gate.SetException(e);

        public void Reset() => gate = new TaskCompletionSource<DataverseAccessToken>(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
