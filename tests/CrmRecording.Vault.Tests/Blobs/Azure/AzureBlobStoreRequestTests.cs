using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Web;
using System.Xml.Linq;
using Azure.Core;
using CrmRecording.Vault.Blobs;
using CrmRecording.Vault.Blobs.Azure;

namespace CrmRecording.Vault.Tests.Blobs.Azure;

/// <summary>The requests the store sends through the SDK and how it reads the answers, against a fake transport.</summary>
public sealed class AzureBlobStoreRequestTests
{
    [Fact]
    public async Task Commit_ThreeBlocks_StagesEachBlockThenCommitsTheListWithIfNoneMatchStar()
    {
        var handler = StubBlobHandler.Answering(HttpStatusCode.Created);
        var store = Store(handler, blockSize: 4);

        await using (var upload = await store.BeginUploadAsync("2025/call 1.rec"))
        {
            await upload.WriteAsync("0123456789"u8.ToArray());
            await upload.CommitAsync();
        }

        var requests = handler.Requests;
        Assert.Equal("https://acct.blob.core.windows.net/recordings", requests[0].Uri.GetLeftPart(UriPartial.Path));
        Assert.Equal("container", Query(requests[0])["restype"]);
        var blocks = requests.Where(request => Query(request)["comp"] == "block").ToList();
        Assert.Equal(3, blocks.Count);
        Assert.All(blocks, block => Assert.Equal("https://acct.blob.core.windows.net/recordings/2025/call%201.rec", block.Uri.GetLeftPart(UriPartial.Path)));
        var bodies = blocks.ToDictionary(block => Query(block)["blockid"]!, block => Encoding.ASCII.GetString(block.Body));
        Assert.All(bodies.Keys, id => Assert.Equal(24, id.Length));

        var commit = requests[^1];
        Assert.Equal(HttpMethod.Put, commit.Method);
        Assert.Equal("blocklist", Query(commit)["comp"]);
        Assert.Equal("*", commit.Headers["If-None-Match"]);
        var committed = XDocument.Load(new MemoryStream(commit.Body)).Root!.Elements("Latest").Select(latest => latest.Value).ToList();
        Assert.Equal(["0123", "4567", "89"], committed.Select(id => bodies[id]));
        Assert.All(requests, request => Assert.StartsWith("SharedKey acct:", request.Headers["Authorization"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Commit_RetriedAfterTheFirstAttemptWentThrough_SeesItsOwnBlocksAndSucceeds()
    {
        string[]? committed = null;
        var handler = new StubBlobHandler(async (request, cancellationToken) =>
        {
            switch (HttpUtility.ParseQueryString(request.RequestUri!.Query)["comp"])
            {
                case "blocklist" when request.Method == HttpMethod.Put && committed is null:
                    // The service commits, but the answer is lost: the pipeline sends the commit again.
                    var xml = XDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
                    committed = [.. xml.Root!.Elements("Latest").Select(latest => latest.Value)];
                    throw new HttpRequestException("Connection reset by peer");
                case "blocklist" when request.Method == HttpMethod.Put:
                    return Error(HttpStatusCode.Conflict, "BlobAlreadyExists");
                case "blocklist":
                    var list = new XElement("BlockList", new XElement("CommittedBlocks", committed!.Select(id => new XElement("Block", new XElement("Name", id), new XElement("Size", 4)))));
                    return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(list.ToString(), Encoding.UTF8, "application/xml") };
                default:
                    return new HttpResponseMessage(HttpStatusCode.Created);
            }
        });
        var store = Store(handler, blockSize: 4);

        await using var upload = await store.BeginUploadAsync("call.rec");
        await upload.WriteAsync("01234567"u8.ToArray());
        await upload.CommitAsync();

        Assert.Equal(2, committed!.Length);
        Assert.Equal(2, handler.Requests.Count(request => request.Method == HttpMethod.Put && Query(request)["comp"] == "blocklist"));
    }

    [Fact]
    public async Task Commit_AnotherUploadsBlobAlreadyThere_FailsSayingItExists()
    {
        var handler = new StubBlobHandler((request, _) => Task.FromResult(HttpUtility.ParseQueryString(request.RequestUri!.Query)["comp"] switch
        {
            "blocklist" when request.Method == HttpMethod.Put => Error(HttpStatusCode.Conflict, "BlobAlreadyExists"),
            "blocklist" => new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("<BlockList><CommittedBlocks><Block><Name>AAAAAAAAAAAAAAAAAAAAAAAA</Name><Size>4</Size></Block></CommittedBlocks></BlockList>", Encoding.UTF8, "application/xml"),
            },
            _ => new HttpResponseMessage(HttpStatusCode.Created),
        }));
        var store = Store(handler, blockSize: 4);

        await using var upload = await store.BeginUploadAsync("call.rec");
        await upload.WriteAsync("0123"u8.ToArray());
        var error = await Assert.ThrowsAsync<BlobStoreException>(() => upload.CommitAsync());

        Assert.Equal((409, "BlobAlreadyExists"), (error.Status, error.ErrorCode));
        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
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
    public async Task Read_ServiceBusyOnEveryRetry_CarriesStatusCodeFromTheBodyAndRequestId()
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
        var store = Store(handler, maxRetries: 1);

        var error = await Assert.ThrowsAsync<BlobStoreException>(() => store.ReadAsync("call.rec", 0, new byte[4]));

        Assert.Equal(503, error.Status);
        Assert.Equal("ServerBusy", error.ErrorCode);
        Assert.Equal("5c3e0a1f-0001-0002-0003-000000000004", error.RequestId);
        Assert.Equal(
            "Azure Blob Storage could not read blob 'call.rec' in container 'recordings': HTTP 503 ServerBusy, request id 5c3e0a1f-0001-0002-0003-000000000004. The service is busy or unavailable, and stayed so through 1 retry; try again later.",
            error.Message);
        var reads = handler.Requests.Where(request => request.Method == HttpMethod.Get).ToList();
        Assert.Equal(2, reads.Count);
        Assert.All(reads, read => Assert.Equal("bytes=0-3", read.Headers["x-ms-range"]));
    }

    [Fact]
    public async Task Read_ServiceBusyOnce_RetriesAndReturnsTheRange()
    {
        var gets = 0;
        var handler = new StubBlobHandler((request, _) =>
        {
            if (request.Method != HttpMethod.Get)
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Created));
            }

            if (Interlocked.Increment(ref gets) == 1)
            {
                return Task.FromResult(Error(HttpStatusCode.ServiceUnavailable, "ServerBusy"));
            }

            var partial = new HttpResponseMessage(HttpStatusCode.PartialContent) { Content = new ByteArrayContent("6789"u8.ToArray()) };
            partial.Content.Headers.ContentRange = new ContentRangeHeaderValue(6, 9, 10);
            return Task.FromResult(partial);
        });
        var store = Store(handler, maxRetries: 2);
        var buffer = new byte[4];

        var read = await store.ReadAsync("call.rec", 6, buffer);

        Assert.Equal(4, read);
        Assert.Equal("6789"u8.ToArray(), buffer);
        Assert.Equal(2, gets);
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
    public async Task Requests_WithCredential_SendOneBearerTokenForTheStorageAudience()
    {
        var handler = StubBlobHandler.Answering(HttpStatusCode.Accepted);
        var credential = new CountingCredential(TimeProvider.System.GetUtcNow().AddHours(1));
        var options = new AzureBlobStoreOptions { ServiceUri = new Uri("https://acct.blob.core.windows.net"), Credential = credential, CreateContainerIfMissing = false };
        using var http = new HttpClient(handler);
        var store = new AzureBlobStore(http, options, TimeProvider.System);

        Assert.True(await store.DeleteAsync("a.rec"));
        Assert.True(await store.DeleteAsync("b.rec"));

        Assert.Equal(1, credential.Calls);
        Assert.Equal(["https://storage.azure.com/.default"], credential.Scopes);
        Assert.Equal(["Bearer token-1", "Bearer token-1"], handler.Requests.Select(request => request.Headers["Authorization"]));
    }

    private static AzureBlobStore Store(StubBlobHandler handler, int blockSize = 4096, int maxConcurrentBlocks = 2, bool createContainer = true, int maxRetries = 3)
    {
        var options = new AzureBlobStoreOptions
        {
            MaxRetries = maxRetries,
            RetryDelay = TimeSpan.FromMilliseconds(1),
            ServiceUri = new Uri("https://acct.blob.core.windows.net/"),
            AccountName = "acct",
            AccountKey = Convert.ToBase64String(new byte[32]),
            BlockSize = blockSize,
            MaxConcurrentBlocks = maxConcurrentBlocks,
            CreateContainerIfMissing = createContainer,
        };
        return new AzureBlobStore(new HttpClient(handler), options, TimeProvider.System);
    }

    private static System.Collections.Specialized.NameValueCollection Query(StubBlobHandler.RecordedRequest request) =>
        HttpUtility.ParseQueryString(request.Uri.Query);

    /// <summary>An error as the Blob service sends it: the code in <c>x-ms-error-code</c> and in the XML body.</summary>
    private static HttpResponseMessage Error(HttpStatusCode status, string code)
    {
        var response = new HttpResponseMessage(status)
        {
            Content = new StringContent($"<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>{code}</Code><Message>{code}</Message></Error>", Encoding.UTF8, "application/xml"),
        };
        response.Headers.Add("x-ms-error-code", code);
        return response;
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
