namespace CrmRecording.Dataverse.Authentication;

/// <summary>
/// Keeps the current token until five minutes before it expires, so a burst of requests (and their
/// retries) asks the token source once; concurrent callers share one pending request.
/// </summary>
internal sealed class AccessTokenCache(IDataverseTokenSource source, TimeProvider time)
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly Lock gate = new();
    private Task<DataverseAccessToken>? current;

    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        Task<DataverseAccessToken> pending;
        lock (gate)
        {
            if (current is null || current.IsFaulted || current.IsCanceled || (current.IsCompletedSuccessfully && IsStale(current.Result)))
            {
                // Not bound to one caller's token: a caller that gives up must not fail the others waiting on it.
                current = source.GetTokenAsync(CancellationToken.None).AsTask();
            }

            pending = current;
        }

        var token = await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
        return token.Value;
    }

    private bool IsStale(DataverseAccessToken token) =>
        token.ExpiresOn != DateTimeOffset.MaxValue && token.ExpiresOn <= time.GetUtcNow() + RefreshMargin;
}
