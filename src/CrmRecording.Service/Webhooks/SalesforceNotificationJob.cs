namespace CrmRecording.Service.Webhooks;

/// <summary>A Contact or Lead change from the org's Outbound Message, waiting in the outbox for its enrichment.</summary>
/// <param name="NotificationId">Salesforce's notification id, the job's dedupe key.</param>
/// <param name="ObjectType"><c>Contact</c> or <c>Lead</c>.</param>
/// <param name="RecordId">The record's 18-character id.</param>
/// <param name="ChangedAt">The record's SystemModstamp (or LastModifiedDate) in the message: a newer change wins.</param>
/// <param name="Fields">The fields the message carried, as sent.</param>
internal sealed record SalesforceNotificationJob(string NotificationId, string ObjectType, string RecordId, DateTimeOffset ChangedAt, Dictionary<string, string?> Fields)
{
    public const string Kind = "salesforce-enrich";

    /// <summary>The record's key among change marks and coalesced jobs.</summary>
    public string RecordKey => MarkKey(ObjectType, RecordId);

    public static string MarkKey(string objectType, string recordId) => $"salesforce:{objectType}:{recordId}";
}
