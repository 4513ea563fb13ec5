using System.Net;
using System.Text;
using System.Xml.Linq;
using Azure.Core;
using CrmRecording.Vault.Blobs;
using CrmRecording.Vault.Blobs.Azure;

namespace CrmRecording.Vault.Tests.Blobs.Azure;

/// <summary>The requests the store sends and how it reads the answers, against a fake transport.</summary>
public sealed class AzureBlobStoreRequestTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Commit_ThreeBlocks_SendsPutBlocksThenBlockListWithIfNoneMatchStar()
    {
        var handler = StubBlobHandler.Answering(HttpStatusCode.Created);
        var store = Store(handler, blockSize: 4);

        await using (var upload = await store.BeginUploadAsync("2025/call 1.rec"))
        {
            await upload.WriteAsync("0123456789"u8.ToArray());
            await upload.CommitAsync();
        }

        var requests = handler.Requests;
        Assert.Equal("https://acct.blob.core.windows.net/recordings?restype=container", requests[0].Uri.AbsoluteUri);
        var blocks = requests.Skip(1).Take(3).ToList();
        Assert.All(blocks, block => Assert.StartsWith("https://acct.blob.core.windows.net/recordings/2025/call%201.rec?comp=block&blockid=", block.Uri.AbsoluteUri, StringComparison.Ordinal));
        var ids = blocks.Select(block => Uri.UnescapeDataString(block.Uri.Query.Split("blockid=")[1])).ToList();
        Assert.All(ids, id => Assert.Equal(24, id.Length));
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(["0123", "4567", "89"], blocks.OrderBy(block => ids.IndexOf(Uri.UnescapeDataString(block.Uri.Query.Split("blockid=")[1]))).Select(block => Encoding.ASCII.GetString(block.Body)));

        var commit = requests[4];
        Assert.Equal(HttpMethod.Put, commit.Method);
        Assert.Equal("https://acct.blob.core.windows.net/recordings/2025/call%201.rec?comp=blocklist", commit.Uri.AbsoluteUri);
        Assert.Equal("*", commit.Headers["If-None-Match"]);
        Assert.Equal(ids, XDocument.Parse(Encoding.UTF8.GetString(commit.Body)).Root!.Elements("Latest").Select(latest => latest.Value));
        Assert.All(requests, request =>
        {
            Assert.Equal("Mon, 02 Jun 2025 10:00:00 GMT", request.Headers["x-ms-date"]);
            Assert.Equal("2021-12-02", request.Headers["x-ms-version"]);
            Assert.StartsWith("SharedKey acct:", request.Headers["Authorization"], StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Write_WaitingForAFreeBlockSlot_HonoursCancellationAndBreaksTheUpload()
    {
        var handler = new StubBlobHandler(async (request, cancellationToken) =>
        {
            if (request.RequestUri!.Query.Contains("comp=block", StringComparison.Ordinal))
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return new HttpResponseMessage(HttpStatusCode.Created);
        });
        var store = Store(handler, blockSize: 4, maxConcurrentBlocks: 1);
        await using var upload = await store.BeginUploadAsync("call.rec");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload.WriteAsync(new byte[8], cancel.Token));

        await Assert.ThrowsAsync<InvalidOperationException>(() => upload.WriteAsync(new byte[1]));
        await Assert.ThrowsAsync<InvalidOperationException>(() => upload.CommitAsync());
    }

    [Fact]
    public async Task Read_ServiceError_CarriesStatusCodeFromTheBodyAndRequestId()
    {
        var handler = new StubBlobHandler((request, _) =>
        {
            var response = request.Method == HttpMethod.Get
                ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
                {
                    Content = new StringContent("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>ServerBusy</Code><Message>Ingress is over the account limit.</Message></Error>", Encoding.UTF8, "application/xml"),
                }
                : new HttpResponseMessage(HttpStatusCode.Created);
            response.Headers.Add("x-ms-request-id", "5c3e0a1f-0001-0002-0003-000000000004");
            return Task.FromResult(response);
        });
        var store = Store(handler);

        var error = await Assert.ThrowsAsync<BlobStoreException>(() => store.ReadAsync("call.rec", 0, new byte[4]));

        Assert.Equal(503, error.Status);
        Assert.Equal("ServerBusy", error.ErrorCode);
        Assert.Equal("5c3e0a1f-0001-0002-0003-000000000004", error.RequestId);
        Assert.Equal(
            "Azure Blob Storage could not read blob 'call.rec' in container 'recordings': HTTP 503 ServerBusy, request id 5c3e0a1f-0001-0002-0003-000000000004. The service is busy or unavailable; try again later.",
            error.Message);
        Assert.Equal("bytes=0-3", handler.Requests[^1].Headers["x-ms-range"]);
    }

    [Fact]
    public async Task Delete_ContainerMissing_ThrowsInsteadOfReportingNoBlob()
    {
        var handler = new StubBlobHandler((_, _) =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.NotFound);
            response.Headers.Add("x-ms-error-code", "ContainerNotFound");
            return Task.FromResult(response);
        });
        var store = Store(handler, createContainer: false);

        var error = await Assert.ThrowsAsync<BlobStoreException>(() => store.DeleteAsync("call.rec"));

        Assert.Equal("ContainerNotFound", error.ErrorCode);
        Assert.Contains("CreateContainerIfMissing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_WithCredential_SendTheCachedBearerTokenUntilItIsDueForRefresh()
    {
        var handler = StubBlobHandler.Answering(HttpStatusCode.Accepted);
        var credential = new CountingCredential(Now.AddHours(1));
        var time = new SettableTime { Now = Now };
        var options = new AzureBlobStoreOptions { ServiceUri = new Uri("https://acct.blob.core.windows.net"), Credential = credential, CreateContainerIfMissing = false };
        using var http = new HttpClient(handler);
        var store = new AzureBlobStore(http, options, time);

        await store.DeleteAsync("a.rec");
        await store.DeleteAsync("b.rec");
        time.Now = Now.AddMinutes(56);
        await store.DeleteAsync("c.rec");

        Assert.Equal(2, credential.Calls);
        Assert.Equal(["https://storage.azure.com/.default"], credential.Scopes);
        Assert.Equal(["Bearer token-1", "Bearer token-1", "Bearer token-2"], handler.Requests.Select(request => request.Headers["Authorization"]));
    }

    private static AzureBlobStore Store(StubBlobHandler handler, int blockSize = 4096, int maxConcurrentBlocks = 2, bool createContainer = true)
    {
        var options = new AzureBlobStoreOptions
        {
            ServiceUri = new Uri("https://acct.blob.core.windows.net/"),
            AccountName = "acct",
            AccountKey = Convert.ToBase64String(new byte[32]),
            BlockSize = blockSize,
            MaxConcurrentBlocks = maxConcurrentBlocks,
            CreateContainerIfMissing = createContainer,
        };
        return new AzureBlobStore(new HttpClient(handler), options, new SettableTime { Now = Now });
    }

    private sealed class SettableTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class CountingCredential(DateTimeOffset expiresOn) : TokenCredential
    {
        public int Calls { get; private set; }

        public HashSet<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new NotSupportedException("The store is async only.");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Calls++;
            Scopes.UnionWith(requestContext.Scopes);
            return ValueTask.FromResult(new AccessToken($"token-{Calls}", expiresOn));
        }
    }
}
