using Microsoft.Extensions.Time.Testing;

namespace CrmRecording.Http.Tests;

public sealed class SingleFlightCacheTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task GetOrLoad_WithinLifetime_LoadsOnce()
    {
        var cache = new SingleFlightCache<int, string>(TimeSpan.FromSeconds(60), 100, _clock);
        var loads = 0;

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("v", await cache.GetOrLoadAsync(1, _ => { loads++; return Task.FromResult("v"); }, CancellationToken.None));
            _clock.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task GetOrLoad_AfterLifetime_AsksAgainSoADenialEnds()
    {
        var cache = new SingleFlightCache<int, bool>(TimeSpan.FromSeconds(60), 100, _clock);
        Assert.False(await cache.GetOrLoadAsync(1, _ => Task.FromResult(false), CancellationToken.None));

        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(await cache.GetOrLoadAsync(1, _ => Task.FromResult(true), CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await cache.GetOrLoadAsync(1, _ => Task.FromResult(true), CancellationToken.None));
    }

    [Fact]
    public async Task GetOrLoad_ConcurrentMisses_ShareOneLoad()
    {
        var cache = new SingleFlightCache<int, int>(TimeSpan.FromSeconds(60), 100, _clock);
        var release = new TaskCompletionSource<int>();
        var loads = 0;

        var waiters = Enumerable.Range(0, 10).Select(_ => cache.GetOrLoadAsync(1, _ => { Interlocked.Increment(ref loads); return release.Task; }, CancellationToken.None)).ToList();
        release.SetResult(42);

        Assert.All(await Task.WhenAll(waiters), v => Assert.Equal(42, v));
        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task GetOrLoad_FailedLoad_IsNotKept()
    {
        var cache = new SingleFlightCache<int, int>(TimeSpan.FromSeconds(60), 100, _clock);

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetOrLoadAsync(1, _ => throw new InvalidOperationException("CRM down"), CancellationToken.None));

        Assert.Equal(7, await cache.GetOrLoadAsync(1, _ => Task.FromResult(7), CancellationToken.None));
    }

    [Fact]
    public async Task GetOrLoad_ManyKeys_StaysWithinCapacity()
    {
        var cache = new SingleFlightCache<int, int>(TimeSpan.FromSeconds(60), 16, _clock);

        for (var key = 0; key < 1000; key++)
        {
            await cache.GetOrLoadAsync(key, k => Task.FromResult(k), CancellationToken.None);
            _clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.True(cache.Count <= 16, $"{cache.Count} entries");
        Assert.Equal(999, await cache.GetOrLoadAsync(999, _ => Task.FromResult(-1), CancellationToken.None));
    }

    [Fact]
    public async Task GetOrLoad_ZeroLifetime_AlwaysLoads()
    {
        var cache = new SingleFlightCache<int, int>(TimeSpan.Zero, 16, _clock);
        var loads = 0;

        await cache.GetOrLoadAsync(1, _ => Task.FromResult(++loads), CancellationToken.None);
        await cache.GetOrLoadAsync(1, _ => Task.FromResult(++loads), CancellationToken.None);

        Assert.Equal(2, loads);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task GetOrLoad_Full_EvictsTheEntryClosestToExpiryFirst()
    {
        var cache = new SingleFlightCache<string, int>(TimeSpan.FromDays(30), 2, _clock);
        var loads = 0;
        async Task Get(string key)
        {
            await cache.GetOrLoadAsync(key, _ => Task.FromResult(Interlocked.Increment(ref loads)), CancellationToken.None);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        await Get("+1");
        await Get("+2");
        await Get("+3");   // full: +1, loaded first, goes
        await Get("+2");   // kept
        await Get("+1");   // loaded again; +2 is now the oldest and goes

        Assert.Equal(2, cache.Count);
        Assert.Equal(4, loads);
    }
}
