namespace CrmRecording.Service.Crm;

/// <summary>A user of one CRM, as the dialer API and playback know them.</summary>
/// <param name="Crm"><c>dynamics</c> or <c>salesforce</c>.</param>
/// <param name="Id">The CRM's own id (a systemuserid, a Salesforce User id).</param>
/// <param name="Name">The user's full name, if known.</param>
public sealed record CrmUser(string Crm, string Id, string? Name)
{
    /// <summary>The local key (<see cref="CrmRecordRef.KeyOf"/>) the call's <c>RepUserId</c> holds.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Guid Key => CrmRecordRef.KeyOf(Crm, Id);

    public static CrmUser FromDataverse(Guid systemUserId, string? name) => new(CrmRecordRef.Dynamics, systemUserId.ToString("D"), name);
}
