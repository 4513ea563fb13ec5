using CrmRecording.Dataverse.Authentication;

namespace CrmRecording.Dataverse.Tests.Support;

/// <summary>Hands out token-1, token-2... each valid for an hour from the fake clock, and counts the requests.</summary>
internal sealed class CountingTokenSource(TimeProvider time) : IDataverseTokenSource
{
    private int calls;

    public int Calls => calls;

    public ValueTask<DataverseAccessToken> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        var n = Interlocked.Increment(ref calls);
        return ValueTask.FromResult(new DataverseAccessToken($"token-{n}", time.GetUtcNow().AddHours(1)));
    }
}
