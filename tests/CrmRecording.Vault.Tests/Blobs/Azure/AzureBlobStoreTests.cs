using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Web;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using CrmRecording.Vault.Blobs;
using CrmRecording.Vault.Blobs.Azure;

namespace CrmRecording.Vault.Tests.Blobs.Azure;

/// <summary>Against the real Azurite emulator through the SDK; each test works in a container of its own, so they run in parallel.</summary>
public sealed class AzureBlobStoreTests : IDisposable
{
    private const int BlockSize = 64 * 1024;

    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    [AzuriteFact]
    public async Task Upload_MoreBlocksThanMayBeInFlight_ReadsBackAtBlockBoundariesAndTheEnd()
    {
        var store = Store();
        var data = RandomBytes((5 * BlockSize) + 1000);
        await UploadAsync(store, "call-1.rec", data, chunk: 10_007);

        Assert.Equal(data.Length, await store.GetLengthAsync("call-1.rec"));
        await AssertReadsAsync(store, "call-1.rec", data, offset: 0, count: 100);
        await AssertReadsAsync(store, "call-1.rec", data, offset: BlockSize - 50, count: 100);
        await AssertReadsAsync(store, "call-1.rec", data, offset: 2 * BlockSize, count: BlockSize);
        await AssertReadsAsync(store, "call-1.rec", data, offset: 0, count: data.Length);
        await AssertReadsAsync(store, "call-1.rec", data, offset: data.Length - 300, count: 1000, expected: 300);
        await AssertReadsAsync(store, "call-1.rec", data, offset: data.Length, count: 10, expected: 0);
        await AssertReadsAsync(store, "call-1.rec", data, offset: data.Length + 5000, count: 10, expected: 0);
    }

    [AzuriteFact]
    public async Task Upload_NothingWritten_CommitsAnEmptyBlob()
    {
        var store = Store();
        await using (var upload = await store.BeginUploadAsync("empty.rec"))
        {
            await upload.CommitAsync();
        }

        Assert.Equal(0, await store.GetLengthAsync("empty.rec"));
        Assert.Equal(0, await store.ReadAsync("empty.rec", 0, new byte[10]));
        Assert.Contains("empty.rec", await ListAsync(store));
    }

    [AzuriteFact]
    public async Task Upload_DisposedWithoutCommit_LeavesNothingVisible()
    {
        var store = Store();
        await using (var upload = await store.BeginUploadAsync("abandoned.rec"))
        {
            await upload.WriteAsync(RandomBytes((3 * BlockSize) + 7));
        }

        await Assert.ThrowsAsync<BlobNotFoundException>(() => store.GetLengthAsync("abandoned.rec"));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => store.ReadAsync("abandoned.rec", 0, new byte[10]));
        Assert.DoesNotContain("abandoned.rec", await ListAsync(store));

        // A later upload of the same name commits its own blocks only.
        var data = RandomBytes(BlockSize + 3);
        await UploadAsync(store, "abandoned.rec", data, chunk: BlockSize);
        await AssertReadsAsync(store, "abandoned.rec", data, offset: 0, count: data.Length);
    }

    [AzuriteFact]
    public async Task Commit_NameAlreadyCommitted_FailsAndKeepsTheOldContent()
    {
        var store = Store();
        var original = RandomBytes(BlockSize + 10);
        await UploadAsync(store, "call-2.rec", original, chunk: 4096);

        await using var second = await store.BeginUploadAsync("call-2.rec");
        await second.WriteAsync(RandomBytes(500));
        var error = await Assert.ThrowsAsync<BlobStoreException>(() => second.CommitAsync());

        Assert.True(error.Status is 409 or 412, $"status {error.Status}");
        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
        Assert.Equal(original.Length, await store.GetLengthAsync("call-2.rec"));
        await AssertReadsAsync(store, "call-2.rec", original, offset: 0, count: original.Length);
    }

    [AzuriteFact]
    public async Task Delete_CommittedThenAgain_ReturnsTrueThenFalse()
    {
        var store = Store();
        await UploadAsync(store, "call-3.rec", RandomBytes(10), chunk: 10);

        Assert.True(await store.DeleteAsync("call-3.rec"));
        Assert.False(await store.DeleteAsync("call-3.rec"));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => store.GetLengthAsync("call-3.rec"));
    }

    [AzuriteFact]
    public async Task Read_MissingBlob_ThrowsBlobNotFound()
    {
        var store = Store();

        var error = await Assert.ThrowsAsync<BlobNotFoundException>(() => store.ReadAsync("nobody.rec", 0, new byte[4]));
        Assert.Equal("nobody.rec", error.BlobName);
        await Assert.ThrowsAsync<BlobNotFoundException>(() => store.GetLengthAsync("nobody.rec"));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => store.ReadAsync("nobody.rec", 0, Memory<byte>.Empty));
    }

    [AzuriteFact]
    public async Task List_MoreBlobsThanOnePage_ReturnsEveryCommittedName()
    {
        var store = Store(options => options.ListPageSize = 2);
        string[] names = ["a.rec", "b.rec", "2025/06/c.rec", "d e.rec", "e.rec"];
        foreach (var name in names)
        {
            await UploadAsync(store, name, RandomBytes(3), chunk: 3);
        }

        var listed = await ListAsync(store);

        Assert.Equal(names.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [AzuriteFact]
    public async Task AnyCall_WrongAccountKey_Throws403WithoutTheKey()
    {
        var wrongKey = Convert.ToBase64String(RandomBytes(64));
        var store = Store(options => options.AccountKey = wrongKey);

        var error = await Assert.ThrowsAsync<BlobStoreException>(() => store.GetLengthAsync("call-4.rec"));

        Assert.Equal(403, error.Status);
        Assert.NotNull(error.ErrorCode);
        Assert.Contains("AccountKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey[..12], error.ToString(), StringComparison.Ordinal);
    }

    [AzuriteFact]
    public async Task Upload_WithAnAccountSas_RoundTripsWithoutTheAccountKey()
    {
        var store = Store(options =>
        {
            options.AccountKey = null;
            options.SasToken = Sas(AccountSasPermissions.Read | AccountSasPermissions.Add | AccountSasPermissions.Create | AccountSasPermissions.Write | AccountSasPermissions.Delete | AccountSasPermissions.List);
        });
        var data = RandomBytes((2 * BlockSize) + 5);

        await UploadAsync(store, "sas.rec", data, chunk: 7_000);

        await AssertReadsAsync(store, "sas.rec", data, offset: 0, count: data.Length);
        Assert.Equal(["sas.rec"], await ListAsync(store));
        Assert.True(await store.DeleteAsync("sas.rec"));
    }

    [AzuriteFact]
    public async Task Upload_WithTheContainersOwnSas_RoundTripsWithoutTryingToCreateTheContainer()
    {
        // A service SAS for one container (sr=c), the narrowest SAS there is, cannot create containers: its owner made it.
        var container = $"t{Guid.NewGuid():N}";
        var account = new StorageSharedKeyCredential(AzuriteAccount.Name, AzuriteAccount.Key);
        await new BlobContainerClient(new Uri($"{AzuriteFactAttribute.Endpoint.AbsoluteUri.TrimEnd('/')}/{container}"), account).CreateAsync();
        var sas = new BlobSasBuilder(BlobContainerSasPermissions.All, TimeProvider.System.GetUtcNow().AddHours(1)) { BlobContainerName = container, Resource = "c" }
            .ToSasQueryParameters(account)
            .ToString();
        var store = Store(options =>
        {
            options.Container = container;
            options.AccountKey = null;
            options.SasToken = sas;
        });
        var data = RandomBytes(BlockSize + 5);

        await UploadAsync(store, "container-sas.rec", data, chunk: 7_000);

        await AssertReadsAsync(store, "container-sas.rec", data, offset: 0, count: data.Length);
        Assert.Equal(["container-sas.rec"], await ListAsync(store));
        Assert.True(await store.DeleteAsync("container-sas.rec"));
    }

    [AzuriteFact]
    public async Task Upload_WithAReadOnlySas_Throws403NamingSasTokenWithoutIt()
    {
        var sas = Sas(AccountSasPermissions.Read | AccountSasPermissions.List);
        var store = Store(options =>
        {
            options.AccountKey = null;
            options.SasToken = sas;
            options.CreateContainerIfMissing = false;
        });

        await using var upload = await store.BeginUploadAsync("read-only.rec");
        await upload.WriteAsync(RandomBytes(10));
        var error = await Assert.ThrowsAsync<BlobStoreException>(() => upload.CommitAsync());

        Assert.Equal(403, error.Status);
        Assert.Contains("SasToken", error.Message, StringComparison.Ordinal);
        var signature = HttpUtility.ParseQueryString(sas)["sig"]!;
        Assert.DoesNotContain(signature, error.ToString(), StringComparison.Ordinal);
    }

    [AzuriteFact]
    public async Task AnyCall_EmulatorUnreachable_ThrowsNamingTheEndpointAfterRetrying()
    {
        var endpoint = new Uri($"http://127.0.0.1:{ClosedPort()}/devstoreaccount1");
        var store = Store(options =>
        {
            options.ServiceUri = endpoint;
            options.MaxRetries = 2;
            options.RetryDelay = TimeSpan.FromMilliseconds(10);
        });

        var error = await Assert.ThrowsAsync<BlobStoreException>(() => store.GetLengthAsync("call-5.rec"));

        Assert.Contains(endpoint.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Null(error.Status);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.DoesNotContain(AzuriteAccount.Key, error.ToString(), StringComparison.Ordinal);
    }

    [AzuriteFact]
    public async Task EveryCall_TokenAlreadyCancelled_ThrowsOperationCanceled()
    {
        var store = Store();
        await UploadAsync(store, "call-6.rec", RandomBytes(10), chunk: 10);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var token = cancelled.Token;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.BeginUploadAsync("call-7.rec", token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.GetLengthAsync("call-6.rec", token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ReadAsync("call-6.rec", 0, new byte[4], token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.DeleteAsync("call-6.rec", token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.ListAsync(token).ToListAsync(token));
        await using var upload = await store.BeginUploadAsync("call-7.rec");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload.WriteAsync(RandomBytes(BlockSize * 2), token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload.CommitAsync(token));
        Assert.Equal(10, await store.GetLengthAsync("call-6.rec"));
    }

    private AzureBlobStore Store(Action<AzureBlobStoreOptions>? configure = null)
    {
        var options = new AzureBlobStoreOptions
        {
            ServiceUri = AzuriteFactAttribute.Endpoint,
            Container = $"t{Guid.NewGuid():N}",
            AccountName = AzuriteAccount.Name,
            AccountKey = AzuriteAccount.Key,
            BlockSize = BlockSize,
            MaxConcurrentBlocks = 2,
        };
        configure?.Invoke(options);
        return new AzureBlobStore(_http, options, TimeProvider.System);
    }

    /// <summary>Writes <paramref name="data"/> in chunks through one reused buffer, scribbled on after each write.</summary>
    private static async Task UploadAsync(AzureBlobStore store, string name, byte[] data, int chunk)
    {
        var buffer = new byte[chunk];
        await using var upload = await store.BeginUploadAsync(name);
        for (var offset = 0; offset < data.Length; offset += chunk)
        {
            var count = Math.Min(chunk, data.Length - offset);
            data.AsSpan(offset, count).CopyTo(buffer);
            await upload.WriteAsync(buffer.AsMemory(0, count));
            buffer.AsSpan().Fill(0xEE);
        }

        await upload.CommitAsync();
    }

    private static async Task AssertReadsAsync(AzureBlobStore store, string name, byte[] data, long offset, int count, int? expected = null)
    {
        var buffer = new byte[count];
        var read = await store.ReadAsync(name, offset, buffer);

        Assert.Equal(expected ?? count, read);
        Assert.Equal(data.AsSpan((int)Math.Min(offset, data.Length), read).ToArray(), buffer.AsSpan(0, read).ToArray());
    }

    private static async Task<List<string>> ListAsync(AzureBlobStore store)
    {
        var names = new List<string>();
        await foreach (var name in store.ListAsync())
        {
            names.Add(name);
        }

        return names;
    }

    /// <summary>An account SAS for blobs, signed with Azurite's well-known key, valid for an hour.</summary>
    private static string Sas(AccountSasPermissions permissions) =>
        new AccountSasBuilder(permissions, TimeProvider.System.GetUtcNow().AddHours(1), AccountSasServices.Blobs, AccountSasResourceTypes.Container | AccountSasResourceTypes.Object)
            .ToSasQueryParameters(new StorageSharedKeyCredential(AzuriteAccount.Name, AzuriteAccount.Key))
            .ToString();

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
