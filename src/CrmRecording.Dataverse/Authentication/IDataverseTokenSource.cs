namespace CrmRecording.Dataverse.Authentication;

/// <summary>Supplies the bearer token for the Dataverse Web API.</summary>
public interface IDataverseTokenSource
{
    ValueTask<DataverseAccessToken> GetTokenAsync(CancellationToken cancellationToken = default);
}
