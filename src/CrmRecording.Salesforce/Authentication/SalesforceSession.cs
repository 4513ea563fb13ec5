namespace CrmRecording.Salesforce.Authentication;

/// <summary>What the token endpoint granted: the bearer token, the instance every data request goes to, and who.</summary>
/// <param name="AccessToken">The bearer token (never printed).</param>
/// <param name="InstanceUrl"><c>instance_url</c>: the org's own host, e.g. <c>https://acme.my.salesforce.com</c>.</param>
/// <param name="IdentityUrl"><c>id</c>: <c>https://login.salesforce.com/id/{orgId}/{userId}</c>.</param>
/// <param name="ObtainedAt">When this client received it (Salesforce tokens carry no expiry).</param>
public sealed record SalesforceSession(string AccessToken, Uri InstanceUrl, Uri? IdentityUrl, DateTimeOffset ObtainedAt)
{
    /// <summary>The org id, the second-last segment of the identity URL; null when absent.</summary>
    public string? OrganizationId => Segment(2);

    /// <summary>The user the session runs as, the last segment of the identity URL; null when absent.</summary>
    public string? UserId => Segment(1);

    /// <summary>Never prints the token itself, so it cannot reach a log by accident.</summary>
    public override string ToString() => $"Salesforce session on {InstanceUrl.Host} obtained {ObtainedAt:O}";

    private string? Segment(int fromEnd)
    {
        var segments = IdentityUrl?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return segments.Length >= 3 && segments[^3] == "id" ? segments[^fromEnd] : null;
    }
}
