namespace CrmRecording.Dataverse.Authentication;

/// <summary>A bearer token and when it stops being accepted.</summary>
public readonly record struct DataverseAccessToken(string Value, DateTimeOffset ExpiresOn)
{
    /// <summary>Never prints the token itself, so it cannot reach a log by accident.</summary>
    public override string ToString() => $"Dataverse access token expiring {ExpiresOn:O}";
}
