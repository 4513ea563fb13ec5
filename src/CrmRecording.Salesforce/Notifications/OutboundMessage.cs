namespace CrmRecording.Salesforce.Notifications;

/// <summary>
/// One Outbound Message: SOAP <c>notifications()</c> in <c>http://soap.sforce.com/2005/09/outbound</c>, sent by a
/// flow or workflow action with up to 100 notifications. It is not signed: who sent it is known only by the org id
/// it names and the secret in the address it was sent to.
/// </summary>
/// <param name="OrganizationId">The sending org's id, 15 or 18 characters as Salesforce sent it.</param>
/// <param name="ActionId">The outbound message action.</param>
/// <param name="SessionId">A session of the action's user when the action includes one; never logged.</param>
public sealed record OutboundMessage(string OrganizationId, string ActionId, string? SessionId, IReadOnlyList<OutboundNotification> Notifications)
{
    /// <summary>The most notifications Salesforce puts in one message.</summary>
    public const int MaxNotifications = 100;

    /// <summary>The SOAP body's namespace.</summary>
    public const string Namespace = "http://soap.sforce.com/2005/09/outbound";

    /// <summary>The enterprise sObject namespace of the fields (<c>sf:</c>).</summary>
    public const string SObjectNamespace = "urn:sobject.enterprise.soap.sforce.com";
}

/// <summary>One record's change: the notification id Salesforce dedupes on, and the selected fields as they are now.</summary>
/// <param name="Id">The notification id; a redelivery carries the same one.</param>
/// <param name="ObjectType">The sObject's type from <c>xsi:type</c> (<c>Contact</c>, <c>Lead</c>...).</param>
/// <param name="Fields">The fields the action selected, by API name; a field sent empty or <c>xsi:nil</c> is null.</param>
public sealed record OutboundNotification(string Id, string ObjectType, SalesforceId RecordId, IReadOnlyDictionary<string, string?> Fields)
{
    /// <summary>
    /// When the record last changed, by <c>SystemModstamp</c> (which also moves on system changes) or else
    /// <c>LastModifiedDate</c>; null when the action selected neither.
    /// </summary>
    public DateTimeOffset? ChangedAt =>
        Stamp("SystemModstamp") is { } system && Stamp("LastModifiedDate") is { } modified
            ? (system > modified ? system : modified)
            : Stamp("SystemModstamp") ?? Stamp("LastModifiedDate");

    public string? Field(string name) => Fields.TryGetValue(name, out var value) ? value : null;

    private DateTimeOffset? Stamp(string name) =>
        Field(name) is { } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var at) ? at : null;
}
