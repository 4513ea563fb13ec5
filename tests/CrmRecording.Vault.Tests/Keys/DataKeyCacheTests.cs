using System.Security.Cryptography;
using CrmRecording.Vault.Keys;

namespace CrmRecording.Vault.Tests.Keys;

/// <summary>Unwrapped data keys kept briefly for reads: found by the wrapped key, copied out, and gone once stale.</summary>
public sealed class DataKeyCacheTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly CountingKeys _keys;
    private readonly DataKeyCache _cache = new(TimeSpan.FromSeconds(30), capacity: 2);

    public DataKeyCacheTests()
    {
        _keys = new CountingKeys(LocalKeyRing.OpenOrCreate(_dir.Combine("keyring.json"), T0));
    }

    public void Dispose()
    {
        _cache.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Unwrap_AgainWithinItsLifetime_AsksTheKeyServiceOnceAndHandsOutCopies()
    {
        var (wrapped, dataKey) = await NewKeyAsync();

        var first = await _cache.UnwrapAsync(_keys, wrapped, T0, CancellationToken.None);
        CryptographicOperations.ZeroMemory(first);
        var second = await _cache.UnwrapAsync(_keys, wrapped, T0.AddSeconds(29), CancellationToken.None);

        Assert.Equal(dataKey, second);
        Assert.Equal(1, _keys.Unwraps);
    }

    [Fact]
    public async Task Unwrap_AfterItsLifetime_AsksTheKeyServiceAgain()
    {
        var (wrapped, _) = await NewKeyAsync();

        await _cache.UnwrapAsync(_keys, wrapped, T0, CancellationToken.None);
        await _cache.UnwrapAsync(_keys, wrapped, T0.AddSeconds(30), CancellationToken.None);

        Assert.Equal(2, _keys.Unwraps);
    }

    [Fact]
    public async Task Unwrap_AlteredWrappedKey_IsNotServedFromTheCache()
    {
        var (wrapped, _) = await NewKeyAsync();
        await _cache.UnwrapAsync(_keys, wrapped, T0, CancellationToken.None);
        var altered = wrapped with { Bytes = [.. wrapped.Bytes.Select((b, i) => i == 0 ? (byte)(b ^ 1) : b)] };

        await Assert.ThrowsAsync<KeyUnavailableException>(() => _cache.UnwrapAsync(_keys, altered, T0, CancellationToken.None));
        Assert.Equal(2, _keys.Unwraps);
    }

    [Fact]
    public async Task Unwrap_MoreKeysThanItHolds_PushesOutTheOldest()
    {
        var keys = new[] { await NewKeyAsync(), await NewKeyAsync(), await NewKeyAsync() };
        for (var i = 0; i < keys.Length; i++)
        {
            await _cache.UnwrapAsync(_keys, keys[i].Wrapped, T0.AddSeconds(i), CancellationToken.None);
        }

        await _cache.UnwrapAsync(_keys, keys[2].Wrapped, T0.AddSeconds(3), CancellationToken.None);
        await _cache.UnwrapAsync(_keys, keys[0].Wrapped, T0.AddSeconds(3), CancellationToken.None);

        Assert.Equal(4, _keys.Unwraps);
    }

    private async Task<(WrappedKey Wrapped, byte[] DataKey)> NewKeyAsync()
    {
        var dataKey = RandomNumberGenerator.GetBytes(32);
        return (await _keys.WrapAsync(dataKey), dataKey);
    }

    /// <summary>The real key ring, counting the unwraps that reach it.</summary>
    private sealed class CountingKeys(LocalKeyRing inner) : IKeyWrapper
    {
        private int _unwraps;

        public int Unwraps => _unwraps;

        public string CurrentKeyId => inner.CurrentKeyId;

        public Task<WrappedKey> WrapAsync(ReadOnlyMemory<byte> dataKey, CancellationToken cancellationToken = default) => inner.WrapAsync(dataKey, cancellationToken);

        public Task<WrappedKey> WrapAsync(string keyId, ReadOnlyMemory<byte> dataKey, CancellationToken cancellationToken = default) => inner.WrapAsync(keyId, dataKey, cancellationToken);

        public Task<byte[]> UnwrapAsync(WrappedKey wrapped, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _unwraps);
            return inner.UnwrapAsync(wrapped, cancellationToken);
        }
    }
}
