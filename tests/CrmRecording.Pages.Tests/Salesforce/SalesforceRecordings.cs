using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmRecording.Emulators.Salesforce.Seed;
using CrmRecording.Pages.Tests.Hosting;
using static CrmRecording.Pages.Tests.Salesforce.SalesforceStandInRecords;

namespace CrmRecording.Pages.Tests.Salesforce;

/// <summary>A recorded Salesforce call, placed through the API as the seeded rep: its Call_Recording__c once the service has written it.</summary>
internal static class SalesforceRecordings
{
    public static async Task<JsonObject> PlaceRecordedCallAsync(LightningPagesHost host)
    {
        using var client = await host.ClientAsync();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await host.SalesforceTokenAsync(SalesforceSeed.Users.SalesRep));
        using var placed = await client.PostAsJsonAsync("/api/calls", new { crm = "salesforce", entity = "Contact", id = SalesforceSeed.Contacts.CaliforniaMobile });
        Assert.Equal(System.Net.HttpStatusCode.Created, placed.StatusCode);
        var callId = JsonDocument.Parse(await placed.Content.ReadAsStringAsync()).RootElement.GetProperty("callId").GetString();
        // The California callee agrees; the call hangs up by itself; the link is written once the recording is stored.
        return await WaitForAsync(host.Salesforce, "Call_Recording__c", r => Text(r, "Call_Id__c") == callId && Text(r, "Recording_Url__c") is { Length: > 0 });
    }

    /// <summary>The Call Recording's record page in the fake Lightning host: its Recording URL field, a link opening a new tab.</summary>
    public static Uri RecordPage(LightningPagesHost host, JsonObject recording)
    {
        var id = Text(recording, "Id")!;
        var url = Text(recording, "Recording_Url__c")!;
        return host.Lightning.Serve($"/lightning/r/Call_Recording__c/{id}/view", $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Call Recording {{id}} – Lightning Experience</title></head>
            <body><main><h1>Call Recording</h1>
            <dl><dt>Decision</dt><dd>{{Text(recording, "Decision__c")}}</dd>
            <dt>Recording URL</dt><dd><a href="{{url}}" target="_blank" rel="noopener">{{url}}</a></dd></dl>
            </main></body></html>
            """);
    }
}
