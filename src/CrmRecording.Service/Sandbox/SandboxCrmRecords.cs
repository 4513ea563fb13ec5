using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CrmRecording.Dataverse;

namespace CrmRecording.Service.Sandbox;

/// <summary>What the sandbox CRM page lists: the seeded people and deals with the number to call, and their phone calls.</summary>
public sealed record SandboxCrmView(IReadOnlyList<SandboxCrmRecord> Records, IReadOnlyList<SandboxPhoneCall> PhoneCalls);

/// <summary>A contact, lead or opportunity; <paramref name="PhoneField"/> is the column the number was read from (the customer's, for a deal).</summary>
public sealed record SandboxCrmRecord(string Entity, Guid Id, string Name, string? Detail, string? Phone, string? PhoneField);

/// <summary>A phone call activity; <paramref name="RecordingId"/> is the vault id its recording link names, if any.</summary>
public sealed record SandboxPhoneCall(Guid Id, Guid? RegardingId, string? Subject, string? Decision, DateTimeOffset? CreatedOn, string? RecordingId);

/// <summary>Reads the sandbox CRM page's data through the production Dataverse client, from the stand-in.</summary>
internal static partial class SandboxCrmRecords
{
    public static async Task<SandboxCrmView> ReadAsync(DataverseClient crm, CancellationToken cancellationToken)
    {
        var contacts = await crm.QueryAsync("contacts", "$select=contactid,fullname,telephone1,mobilephone,address1_city,address1_stateorprovince,address1_country", cancellationToken).ConfigureAwait(false);
        var leads = await crm.QueryAsync("leads", "$select=leadid,fullname,companyname,telephone1,mobilephone,address1_city,address1_stateorprovince", cancellationToken).ConfigureAwait(false);
        var deals = await crm.QueryAsync("opportunities", "$select=opportunityid,name,_customerid_value", cancellationToken).ConfigureAwait(false);
        var calls = await crm.QueryAsync("phonecalls", "$select=activityid,subject,crr_decision,crr_recordingurl,createdon,_regardingobjectid_value", cancellationToken).ConfigureAwait(false);

        var records = new List<SandboxCrmRecord>();
        var byId = new Dictionary<Guid, SandboxCrmRecord>();
        foreach (var (table, rows, detail) in new[] { ("contact", contacts, (Func<JsonObject, string?>)Place), ("lead", leads, r => Join(Text(r, "companyname"), Place(r))) })
        {
            foreach (var row in rows)
            {
                var (phone, field) = Phone(row);
                var record = new SandboxCrmRecord(table, Id(row, table + "id"), Text(row, "fullname") ?? "(no name)", detail(row), phone, field);
                records.Add(record);
                byId[record.Id] = record;
            }
        }

        foreach (var deal in deals)
        {
            var customer = Guid.TryParse(Text(deal, "_customerid_value"), out var c) && byId.TryGetValue(c, out var found) ? found : null;
            records.Add(new SandboxCrmRecord("opportunity", Id(deal, "opportunityid"), Text(deal, "name") ?? "(no name)", customer is null ? null : $"Customer: {customer.Name}", customer?.Phone, customer?.PhoneField));
        }

        var phoneCalls = calls
            .Select(r => new SandboxPhoneCall(
                Id(r, "activityid"),
                Guid.TryParse(Text(r, "_regardingobjectid_value"), out var regarding) ? regarding : null,
                Text(r, "subject"),
                Text(r, "crr_decision"),
                DateTimeOffset.TryParse(Text(r, "createdon"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var on) ? on : null,
                Text(r, "crr_recordingurl") is { } url && RecordingIdInUrl().Match(url) is { Success: true } m ? m.Groups[1].Value : null))
            .OrderByDescending(p => p.CreatedOn)
            .ToList();
        return new SandboxCrmView(records, phoneCalls);
    }

    private static (string? Phone, string? Field) Phone(JsonObject row) =>
        Text(row, "telephone1") is { Length: > 0 } business ? (business, "telephone1")
        : Text(row, "mobilephone") is { Length: > 0 } mobile ? (mobile, "mobilephone")
        : (null, null);

    private static string? Place(JsonObject row) =>
        Join(Text(row, "address1_city"), Text(row, "address1_stateorprovince"), Text(row, "address1_country"));

    private static string? Join(params string?[] parts) =>
        parts.Where(p => !string.IsNullOrWhiteSpace(p)).ToArray() is { Length: > 0 } some ? string.Join(", ", some) : null;

    private static string? Text(JsonObject row, string column) => row[column] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static Guid Id(JsonObject row, string column) => Guid.Parse(Text(row, column) ?? throw new InvalidDataException($"A row has no {column}."));

    [GeneratedRegex("/recordings/([0-9a-f]{32})$")]
    private static partial Regex RecordingIdInUrl();
}
