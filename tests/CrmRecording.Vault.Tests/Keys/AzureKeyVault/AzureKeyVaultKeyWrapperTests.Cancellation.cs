using System.Security.Cryptography;
using CrmRecording.Vault.Keys;
using CrmRecording.Vault.Keys.AzureKeyVault;
using static CrmRecording.Vault.Tests.Keys.AzureKeyVault.KeyVaultFixtures;

namespace CrmRecording.Vault.Tests.Keys.AzureKeyVault;

/// <summary>The caller's CancellationToken reaches the credential, the transport and the retry wait, and wins.</summary>
public sealed partial class AzureKeyVaultKeyWrapperTests
{
    [Fact]
    public async Task WrapAsync_AlreadyCancelled_ThrowsOperationCanceledAndSendsNothing()
    {
        var handler = StubHttpHandler.Replay();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Create(handler, Options()).WrapAsync(RandomNumberGenerator.GetBytes(32), cts.Token));

        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task UnwrapAsync_CancelledWhileTheRequestIsInFlight_ThrowsOperationCanceledNotKeyUnavailable()
    {
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new StubHttpHandler(async (_, ct) =>
        {
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
        Assert.Equal(cts.Token, Assert.Single(Credential.Calls).CancellationToken);
    }

    [Fact]
    public async Task WrapAsync_CancelledDuringTheRetryWait_StopsWaiting()
    {
        var time = new ManualTimeProvider { FireTimersImmediately = false };
        var handler = StubHttpHandler.Replay(() => KeyVaultResponses.Throttled(TimeSpan.FromSeconds(5)));
        var wrapper = new AzureKeyVaultKeyWrapper(Own(new HttpClient(handler)), new FakeTokenCredential(time), Options(), time);
        using var cts = new CancellationTokenSource();

        var wrap = wrapper.WrapAsync(RandomNumberGenerator.GetBytes(32), cts.Token);
        await time.TimerCreated;
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wrap);
        Assert.Equal([TimeSpan.FromSeconds(5)], time.Delays);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task WrapAsync_CancelledWhileWaitingForAnotherCallersToken_ThrowsOperationCanceled()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = StubHttpHandler.Replay(() => KeyVaultResponses.Ok(ResponseBody(WrapExample)));
        var wrapper = Create(handler, Options(), new FakeTokenCredential(_time) { Latency = ct => release.Task.WaitAsync(ct) });
        using var cts = new CancellationTokenSource();

        var first = wrapper.WrapAsync(RandomNumberGenerator.GetBytes(32));
        var second = wrapper.WrapAsync(RandomNumberGenerator.GetBytes(32), cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        release.SetResult();
        Assert.Equal(SdkTestKeyId, (await first).KeyId);
        Assert.Single(handler.Requests);
    }
}
