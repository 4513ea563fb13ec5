namespace CrmRecording.Dataverse.Authentication;

/// <summary>A fixed token that never expires: for the local Dataverse stand-in and the sandbox, never production.</summary>
public sealed class StaticDataverseTokenSource : IDataverseTokenSource
{
    private readonly DataverseAccessToken token;

    public StaticDataverseTokenSource(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        this.token = new DataverseAccessToken(token, DateTimeOffset.MaxValue);
    }

    public ValueTask<DataverseAccessToken> GetTokenAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(token);
}
