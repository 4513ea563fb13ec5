using System.Diagnostics.CodeAnalysis;
using Azure.Core;

namespace CrmRecording.Vault.Keys.AzureKeyVault;

/// <summary>
/// One access token, reused until five minutes before it expires, then fetched again by one caller while
/// the others wait. Managed identity tokens last hours; asking per call would throttle the identity endpoint.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "SemaphoreSlim holds an unmanaged handle only once AvailableWaitHandle is read, which this class never does.")]
internal sealed class BearerTokenCache(TokenCredential credential, TimeProvider time)
{
    internal static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Entry? _entry;

    public async ValueTask<string> GetAsync(string scope, string? tenantId, CancellationToken cancellationToken)
    {
        if (FreshToken(Volatile.Read(ref _entry), scope, tenantId) is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (FreshToken(_entry, scope, tenantId) is { } fetchedMeanwhile)
            {
                return fetchedMeanwhile;
            }

            var context = new TokenRequestContext([scope], parentRequestId: null, claims: null, tenantId: tenantId);
            var token = await credential.GetTokenAsync(context, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _entry, new Entry(scope, tenantId, token.Token, token.ExpiresOn - RefreshMargin));
            return token.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets <paramref name="token"/> (the vault rejected it), unless a newer one has already replaced it.</summary>
    public void Invalidate(string token)
    {
        var entry = Volatile.Read(ref _entry);
        if (entry is not null && entry.Token == token)
        {
            Interlocked.CompareExchange(ref _entry, null, entry);
        }
    }

    private string? FreshToken(Entry? entry, string scope, string? tenantId) =>
        entry is not null && entry.Scope == scope && entry.TenantId == tenantId && time.GetUtcNow() < entry.RefreshAt
            ? entry.Token
            : null;

    // A class, not a record: a record's generated ToString would print the token.
    private sealed class Entry(string scope, string? tenantId, string token, DateTimeOffset refreshAt)
    {
        public string Scope { get; } = scope;

        public string? TenantId { get; } = tenantId;

        public string Token { get; } = token;

        public DateTimeOffset RefreshAt { get; } = refreshAt;
    }
}
