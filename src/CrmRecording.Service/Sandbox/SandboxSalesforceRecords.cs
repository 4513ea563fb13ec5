using System.Text.Json.Nodes;
using CrmRecording.Salesforce;

namespace CrmRecording.Service.Sandbox;

/// <summary>What the sandbox Lightning page lists: the seeded Contacts and Leads with their numbers, and the recordings of their calls.</summary>
public sealed record SandboxSalesforceView(IReadOnlyList<SandboxSalesforceRecord> Records, IReadOnlyList<SandboxCallRecording> Recordings);

/// <summary>A Contact or Lead (<paramref name="ObjectType"/> as Open CTI names it) and the number a click on it dials.</summary>
public sealed record SandboxSalesforceRecord(string ObjectType, string Id, string Name, string? Detail, string? Phone);

/// <summary>A <c>Call_Recording__c</c>: whom it is about, its decision and its <c>Recording_Url__c</c> (the player).</summary>
public sealed record SandboxCallRecording(string Id, string? Name, string? WhoId, string? Decision, string? RecordingUrl, string? TaskId, DateTimeOffset? CreatedDate);

/// <summary>Reads the sandbox Lightning page's data through the production Salesforce client, from the stand-in.</summary>
internal static class SandboxSalesforceRecords
{
    public static async Task<SandboxSalesforceView> ReadAsync(SalesforceClient crm, CancellationToken cancellationToken)
    {
        var contacts = await crm.QueryAsync("SELECT Id, Name, Phone, MobilePhone, MailingCity, MailingState, MailingCountry FROM Contact", cancellationToken).ConfigureAwait(false);
        var leads = await crm.QueryAsync("SELECT Id, Name, Company, Phone, MobilePhone, City, State FROM Lead", cancellationToken).ConfigureAwait(false);
        var recordings = await crm.QueryAsync("SELECT Id, Name, Contact__c, Lead__c, Decision__c, Recording_Url__c, Task_Id__c, CreatedDate FROM Call_Recording__c", cancellationToken).ConfigureAwait(false);

        var records = contacts.Select(c => Record("Contact", c, Join(Text(c, "MailingCity"), Text(c, "MailingState"), Text(c, "MailingCountry"))))
            .Concat(leads.Select(l => Record("Lead", l, Join(Text(l, "Company"), Text(l, "City"), Text(l, "State")))))
            .ToList();
        var calls = recordings
            .Select(r => new SandboxCallRecording(
                Text(r, "Id")!,
                Text(r, "Name"),
                Text(r, "Contact__c") ?? Text(r, "Lead__c"),
                Text(r, "Decision__c"),
                Text(r, "Recording_Url__c"),
                Text(r, "Task_Id__c"),
                DateTimeOffset.TryParse(Text(r, "CreatedDate"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var on) ? on : null))
            .OrderByDescending(r => r.CreatedDate)
            .ToList();
        return new SandboxSalesforceView(records, calls);
    }

    private static SandboxSalesforceRecord Record(string type, JsonObject row, string? detail) =>
        new(type, Text(row, "Id")!, Text(row, "Name") ?? "(no name)", detail, Text(row, "Phone") is { Length: > 0 } phone ? phone : Text(row, "MobilePhone"));

    private static string? Join(params string?[] parts) =>
        parts.Where(p => !string.IsNullOrWhiteSpace(p)).ToArray() is { Length: > 0 } some ? string.Join(", ", some) : null;

    private static string? Text(JsonObject row, string field) => row[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
