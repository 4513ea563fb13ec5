namespace CrmRecording.Salesforce.Authentication;

/// <summary>
/// Keeps the current session until Salesforce refuses it (<see cref="Invalidate"/> after a 401) or it reaches
/// <see cref="SalesforceClientOptions.SessionMaxAge"/>; concurrent callers share one pending token request.
/// </summary>
internal sealed class SessionCache(TokenEndpoint endpoint, SalesforceClientOptions options, TimeProvider time)
{
    private readonly Lock gate = new();
    private Task<SalesforceSession>? current;

    public async Task<SalesforceSession> GetAsync(CancellationToken cancellationToken)
    {
        Task<SalesforceSession> pending;
        lock (gate)
        {
            if (current is null || current.IsFaulted || current.IsCanceled || (current.IsCompletedSuccessfully && IsOld(current.Result)))
            {
                // Not bound to one caller's token: a caller that gives up must not fail the others waiting on it.
                current = endpoint.RequestAsync(CancellationToken.None);
            }

            pending = current;
        }

        return await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops <paramref name="refused"/> so the next request gets a new session; a newer one already obtained is kept.</summary>
    public void Invalidate(SalesforceSession refused)
    {
        lock (gate)
        {
            if (current is { IsCompletedSuccessfully: true } task && ReferenceEquals(task.Result, refused))
            {
                current = null;
            }
        }
    }

    private bool IsOld(SalesforceSession session) => time.GetUtcNow() - session.ObtainedAt >= options.SessionMaxAge;
}
