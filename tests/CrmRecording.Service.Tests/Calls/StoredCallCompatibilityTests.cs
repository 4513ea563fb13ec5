using System.Text.Json;
using CrmRecording.Service.Calls;
using CrmRecording.Service.Crm;

namespace CrmRecording.Service.Tests.Calls;

/// <summary>Calls stored before records were named per CRM still read, as Dynamics calls by their GUIDs.</summary>
public sealed class StoredCallCompatibilityTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Deserialize_DocumentWithoutCrmReferences_NamesTheDynamicsRowsByTheirGuids()
    {
        const string stored = """
            {"id":"0123456789abcdef0123456789abcdef","crm":"dynamics","entity":"opportunity","recordId":"0bb00000-0000-4000-8000-000000000001",
             "customerTable":"contact","customerId":"c0000000-0000-4000-8000-000000000001","repUserId":"5e000000-0000-4000-8000-000000000004",
             "customerPhone":"+14155550101","decision":"record-after-consent","reasons":[],"jurisdictions":["US-CA"],"rulesVersion":"r",
             "callbackBase":"https://media.example/","language":"en-US","phoneCallId":"bf250000-0000-4000-8000-000000000001","createdAt":"2026-01-02T09:00:00Z","version":3}
            """;

        var call = JsonSerializer.Deserialize<CallRecord>(stored, Json)!;

        Assert.Equal(new CrmRecordRef("dynamics", "opportunity", "0bb00000-0000-4000-8000-000000000001"), call.Record());
        Assert.Equal(new CrmRecordRef("dynamics", "contact", "c0000000-0000-4000-8000-000000000001"), call.Customer());
        Assert.Equal("5e000000-0000-4000-8000-000000000004", call.Rep());
        Assert.Null(call.ActivityRef);
    }

    [Fact]
    public void SalesforceCall_RoundTrips_WithItsIdsAndStableLocalKeys()
    {
        var customer = new CrmRecordRef("salesforce", "Contact", "003Sd0000000001IAA");
        var call = new CallRecord
        {
            Id = "0123456789abcdef0123456789abcdef", Crm = "salesforce", Entity = "Contact",
            RecordId = customer.Key, RecordRef = customer, CustomerTable = "contact", CustomerId = customer.Key, CustomerRef = customer,
            RepUserId = CrmRecordRef.KeyOf("salesforce", "005Sd0000000004IAA"), RepRef = "005Sd0000000004IAA",
            CustomerPhone = "+14155550101", Decision = CrmRecording.Core.Decisions.RecordingOutcome.Record, Reasons = [], Jurisdictions = [], RulesVersion = "r",
            CallbackBase = new Uri("https://media.example/"), Language = "en-US", CreatedAt = DateTimeOffset.UnixEpoch,
        };

        var text = JsonSerializer.Serialize(call, Json);
        var read = JsonSerializer.Deserialize<CallRecord>(text, Json)!;

        Assert.Equal(customer, read.Customer());
        Assert.Equal("005Sd0000000004IAA", read.Rep());
        Assert.DoesNotContain("\"key\"", text, StringComparison.Ordinal);
        Assert.Equal(customer.Key, new CrmRecordRef("salesforce", "Contact", "003Sd0000000001IAA").Key);
        Assert.NotEqual(customer.Key, new CrmRecordRef("salesforce", "Contact", "003Sd0000000002IAA").Key);
    }
}
