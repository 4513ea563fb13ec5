using Microsoft.Extensions.Time.Testing;

namespace CrmRecording.Http.Tests;

public sealed class TokenCacheTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(T0);
    private int _fetches;

    [Fact]
    public async Task Get_ConcurrentCallersWhileOneFetchIsPending_FetchOnceAndAllGetIt()
    {
        var release = new TaskCompletionSource<Token>(TaskCreationOptions.RunContinuationsAsynchronously);
        var cache = new TokenCache<Token>(_ => { Interlocked.Increment(ref _fetches); return release.Task; }, t => t.RefreshAt, _time);

        var callers = Enumerable.Range(0, 20).Select(_ => Task.Run(() => cache.GetAsync(CancellationToken.None))).ToList();
        release.SetResult(new Token("a", T0.AddHours(1)));

        Assert.All(await Task.WhenAll(callers), t => Assert.Equal("a", t.Value));
        Assert.Equal(1, _fetches);
    }

    [Fact]
    public async Task Get_AtTheRefreshPoint_FetchesOnceMoreAndKeepsTheNewOne()
    {
        var cache = Counting(n => new Token($"t{n}", _time.GetUtcNow().AddMinutes(55)));

        Assert.Equal("t1", (await cache.GetAsync(CancellationToken.None)).Value);
        _time.Advance(TimeSpan.FromMinutes(55) - TimeSpan.FromTicks(1));
        Assert.Equal("t1", (await cache.GetAsync(CancellationToken.None)).Value);
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal("t2", (await cache.GetAsync(CancellationToken.None)).Value);
        Assert.Equal("t2", (await cache.GetAsync(CancellationToken.None)).Value);
        Assert.Equal(2, _fetches);
    }

    [Fact]
    public async Task Get_AfterAFailedFetch_AsksAgain()
    {
        var cache = new TokenCache<Token>(
            _ => Interlocked.Increment(ref _fetches) == 1 ? Task.FromException<Token>(new InvalidOperationException("token endpoint down")) : Task.FromResult(new Token("b", DateTimeOffset.MaxValue)),
            t => t.RefreshAt,
            _time);

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync(CancellationToken.None));

        Assert.Equal("b", (await cache.GetAsync(CancellationToken.None)).Value);
    }

    [Fact]
    public async Task Invalidate_TheRefusedOne_NextCallerGetsANewOneButANewerOneIsKept()
    {
        var cache = Counting(n => new Token($"t{n}", DateTimeOffset.MaxValue));
        var refused = await cache.GetAsync(CancellationToken.None);

        cache.Invalidate(refused);
        var fresh = await cache.GetAsync(CancellationToken.None);
        cache.Invalidate(refused);

        Assert.Equal("t2", fresh.Value);
        Assert.Same(fresh, await cache.GetAsync(CancellationToken.None));
        Assert.Equal(2, _fetches);
    }

    [Fact]
    public async Task Get_OneCallerGivesUp_OthersStillGetTheToken()
    {
        var release = new TaskCompletionSource<Token>(TaskCreationOptions.RunContinuationsAsynchronously);
        var cache = new TokenCache<Token>(_ => { Interlocked.Increment(ref _fetches); return release.Task; }, t => t.RefreshAt, _time);
        using var giveUp = new CancellationTokenSource();

        var quitter = cache.GetAsync(giveUp.Token);
        var patient = cache.GetAsync(CancellationToken.None);
        await giveUp.CancelAsync();
        release.SetResult(new Token("c", DateTimeOffset.MaxValue));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => quitter);
        Assert.Equal("c", (await patient).Value);
        Assert.Equal(1, _fetches);
    }

    private TokenCache<Token> Counting(Func<int, Token> make) =>
        new(_ => Task.FromResult(make(Interlocked.Increment(ref _fetches))), t => t.RefreshAt, _time);

    private sealed record Token(string Value, DateTimeOffset RefreshAt);
}
