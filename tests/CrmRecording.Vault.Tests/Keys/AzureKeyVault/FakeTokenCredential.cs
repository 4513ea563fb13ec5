using System.Collections.Concurrent;
using Azure.Core;

namespace CrmRecording.Vault.Tests.Keys.AzureKeyVault;

/// <summary>Hands out <c>token-1</c>, <c>token-2</c>, … each valid for <see cref="Lifetime"/> (the SDK's token cache reads the system clock).</summary>
internal sealed class FakeTokenCredential : TokenCredential
{
    private readonly ConcurrentQueue<(TokenRequestContext Context, CancellationToken CancellationToken)> _calls = new();
    private int _issued;

    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>Awaited before each token is issued, so tests can hold callers inside GetTokenAsync.</summary>
    public Func<CancellationToken, Task> Latency { get; init; } = _ => Task.CompletedTask;

    public Exception? Failure { get; init; }

    public IReadOnlyList<(TokenRequestContext Context, CancellationToken CancellationToken)> Calls => [.. _calls];

    public static string Token(int number) => $"token-{number}";

    public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        _calls.Enqueue((requestContext, cancellationToken));
        await Latency(cancellationToken);
        if (Failure is not null)
        {
            throw Failure;
        }

        return new AccessToken(Token(Interlocked.Increment(ref _issued)), TimeProvider.System.GetUtcNow() + Lifetime);
    }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The wrapper is async only.");
}
