using System.Security.Cryptography;
using CrmRecording.Vault.Keys;
using static CrmRecording.Vault.Tests.Keys.AzureKeyVault.KeyVaultFixtures;

namespace CrmRecording.Vault.Tests.Keys.AzureKeyVault;

/// <summary>The caller's CancellationToken reaches the credential, the transport and the retry wait, and wins.</summary>
public sealed partial class AzureKeyVaultKeyWrapperTests
{
    [Fact]
    public async Task WrapAsync_AlreadyCancelled_ThrowsOperationCanceledAndSendsNothing()
    {
        var handler = FakeKeyVaultTransport.Replay();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Create(handler, Options()).WrapAsync(RandomNumberGenerator.GetBytes(32), cts.Token));

        Assert.Empty(handler.Requests);
        Assert.Empty(handler.Challenged);
    }

    [Fact]
    public async Task UnwrapAsync_CancelledWhileTheRequestIsInFlight_ThrowsOperationCanceledNotKeyUnavailable()
    {
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new FakeKeyVaultTransport(async (request, ct) =>
        {
            if (request.Method == HttpMethod.Get)
            {
                return NotReadable();
            }

            sent.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            throw new InvalidOperationException("unreachable");
        });
        using var cts = new CancellationTokenSource();
        var wrapper = Create(handler, Options());

        var unwrap = wrapper.UnwrapAsync(new WrappedKey(SdkTestKeyId, "RSA-OAEP-256", new byte[256]), cts.Token);
        await sent.Task;
        await cts.CancelAsync();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => unwrap);
        Assert.IsNotType<KeyUnavailableException>(ex);
        Assert.Single(handler.Requests, request => request.Method == HttpMethod.Post);
    }

    [Fact]
    public async Task WrapAsync_CancelledDuringTheRetryWait_StopsWaitingAndSendsNoMore()
    {
        var throttled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = FakeKeyVaultTransport.Replay(NotReadable, () =>
        {
            throttled.SetResult();
            return Throttled(TimeSpan.FromSeconds(8));
        });
        var wrapper = Create(handler, Options());
        using var cts = new CancellationTokenSource();

        var wrap = wrapper.WrapAsync(RandomNumberGenerator.GetBytes(32), cts.Token);
        await throttled.Task;
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wrap);
        Assert.Single(handler.Requests, request => request.Method == HttpMethod.Post);
    }

    [Fact]
    public async Task WrapAsync_CancelledWhileWaitingForAnotherCallersToken_ThrowsOperationCanceled()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var vault = Own(new RsaKeyVaultStub(SdkTestKeyId));
        var handler = new FakeKeyVaultTransport(vault.Respond);
        var wrapper = Create(handler, Options(), new FakeTokenCredential { Latency = ct => release.Task.WaitAsync(ct) });
        using var cts = new CancellationTokenSource();

        var first = wrapper.WrapAsync(RandomNumberGenerator.GetBytes(32));
        var second = wrapper.WrapAsync(RandomNumberGenerator.GetBytes(32), cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        release.SetResult();
        Assert.Equal(SdkTestKeyId, (await first).KeyId);
    }
}
