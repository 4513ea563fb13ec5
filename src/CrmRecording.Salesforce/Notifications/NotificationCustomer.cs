using System.Globalization;
using CrmRecording.Salesforce.Customers;

namespace CrmRecording.Salesforce.Notifications;

/// <summary>A Contact or Lead notification's fields as the <see cref="SalesforceCustomer"/> a decision reads.</summary>
public static class NotificationCustomer
{
    /// <returns>Null when the notification is not about a Contact or a Lead.</returns>
    public static SalesforceCustomer? ToCustomer(this OutboundNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var fields = notification.ObjectType switch
        {
            "Contact" => CustomerFields.Contact,
            "Lead" => CustomerFields.Lead,
            _ => null,
        };
        if (fields is null)
        {
            return null;
        }

        return new SalesforceCustomer(
            notification.RecordId,
            fields.ObjectType,
            notification.Field("Name"),
            notification.Field("Phone"),
            notification.Field("MobilePhone"),
            notification.Field(fields.State),
            notification.Field(fields.StateCode),
            notification.Field(fields.Country),
            notification.Field(fields.CountryCode),
            SalesforceId.TryParse(notification.Field("OwnerId"), out var owner) ? owner : null,
            notification.Field(RecordingFields.VerifiedRegion),
            notification.Field(RecordingFields.DeviceType),
            notification.Field(RecordingFields.ConsentStatus),
            Date(notification.Field(RecordingFields.ConsentDate)),
            notification.Field(RecordingFields.ConsentMethod),
            notification.Field(RecordingFields.DoNotRecord) is "true" or "1");
    }

    private static DateOnly? Date(string? text) =>
        text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? DateOnly.FromDateTime(at.UtcDateTime)
        : null;
}
