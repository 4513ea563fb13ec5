using System.Security.Cryptography;
using System.Text;

namespace CrmRecording.Service.Crm;

/// <summary>
/// A record in one CRM, by that CRM's own id: a Dataverse row's GUID, a Salesforce record's 18-character id.
/// </summary>
/// <param name="Crm"><c>dynamics</c> or <c>salesforce</c>.</param>
/// <param name="Table">The table or object: <c>contact</c>, <c>lead</c>, <c>opportunity</c>, <c>phonecall</c>; <c>Contact</c>, <c>Task</c>, <c>User</c>.</param>
/// <param name="Id">The id as the CRM writes it.</param>
public sealed record CrmRecordRef(string Crm, string Table, string Id)
{
    public const string Dynamics = "dynamics";

    public const string Salesforce = "salesforce";

    /// <summary>The service's local GUID for the record: the row id in Dataverse, a name-based key for any other CRM.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Guid Key => KeyOf(Crm, Id);

    /// <summary>
    /// A Dataverse id is its own key. Any other id maps to a name-based GUID (SHA-256 of the CRM and the id, RFC 9562
    /// version 8 bits), stable across instances, so the call's GUID fields (owner checks, softphone identity) keep working.
    /// </summary>
    public static Guid KeyOf(string crm, string id)
    {
        if (crm == Dynamics)
        {
            return Guid.Parse(id);
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{crm}:{id}"), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
