using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmRecording.Emulators.Dataverse;
using CrmRecording.Emulators.Twilio;
using CrmRecording.Service.Calls;
using CrmRecording.Service.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Service.Tests.Calls;

/// <summary>The service on real Kestrel with both sandbox stand-ins, and helpers to drive and watch a call.</summary>
internal sealed class SandboxCall : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly List<HttpClient> _clients = [];

    public SandboxCall(Action<ServiceFactory>? configure = null, Action<IServiceCollection>? overrides = null)
    {
        Factory = new ServiceFactory { Overrides = overrides };
        Factory.Settings["Sandbox:CallSeconds"] = "0";
        Factory.Settings["Outbox:RetryBaseMilliseconds"] = "50";
        Factory.Settings["Dataverse:MaxRetries"] = "0";
        configure?.Invoke(Factory);
        Factory.UseKestrel(0);
        Factory.StartServer();
        Anonymous = Factory.CreateClient();
        Client = As(CallRecords.Rep);
    }

    /// <summary>Without a token.</summary>
    public HttpClient Anonymous { get; }

    public ServiceFactory Factory { get; }

    /// <summary>As the seeded rep (Riley Chen).</summary>
    public HttpClient Client { get; }

    public TwilioStandIn Twilio => Factory.Services.GetRequiredService<SandboxTwilio>().StandIn;

    public DataverseStandIn Dataverse => Factory.Services.GetRequiredService<SandboxDataverse>().StandIn;

    public Emulators.Salesforce.SalesforceStandIn Salesforce => Factory.Services.GetRequiredService<SandboxSalesforce>().StandIn;

    public ICallStore Calls => Factory.Services.GetRequiredService<ICallStore>();

    /// <summary>A client carrying a sandbox token for <paramref name="userId"/>.</summary>
    public HttpClient As(Guid userId)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TokenAsync(userId).GetAwaiter().GetResult());
        _clients.Add(client);
        return client;
    }

    public async Task<PlaceCallResponse> PlaceAsync(Guid contact, string entity = "contact")
    {
        var response = await Client.PostAsJsonAsync("/api/calls", new { crm = "dynamics", entity, id = contact });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PlaceCallResponse>(Json))!;
    }

    /// <summary>A client carrying a sandbox token for the seeded Salesforce user <paramref name="userId"/>.</summary>
    public HttpClient AsSalesforce(string userId)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", SalesforceTokenAsync(userId).GetAwaiter().GetResult());
        _clients.Add(client);
        return client;
    }

    /// <summary>A bearer token (claim <c>sf_user_id</c>) for a seeded Salesforce user from the sandbox's token endpoint.</summary>
    public async Task<string> SalesforceTokenAsync(string userId)
    {
        var response = await Anonymous.PostAsJsonAsync("/sandbox/token", new { crm = "salesforce", userId });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Polls the Salesforce stand-in until a record of <paramref name="type"/> matching <paramref name="condition"/> exists.</summary>
    public async Task<System.Text.Json.Nodes.JsonObject> WaitForSalesforceAsync(string type, Func<System.Text.Json.Nodes.JsonObject, bool> condition, string what, int seconds = 30)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            if (Salesforce.Records(type).FirstOrDefault(condition) is { } record)
            {
                return record;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No {type} record: {what}.");
    }

    /// <summary>A bearer token for a seeded CRM user from the sandbox's token endpoint.</summary>
    public async Task<string> TokenAsync(Guid userId)
    {
        var response = await Anonymous.PostAsJsonAsync("/sandbox/token", new { userId });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Polls the call's stored state until <paramref name="condition"/> holds (webhooks and the worker run in the background).</summary>
    public async Task<CallRecord> WaitAsync(string callId, Func<CallRecord, bool> condition, string what, int seconds = 30)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        CallRecord? call = null;
        while (watch.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            call = await Calls.GetAsync(callId);
            if (call is not null && condition(call))
            {
                return call;
            }

            await Task.Delay(50);
        }

        var webhooks = string.Join(Environment.NewLine, Twilio.Webhooks.All.Select(w => $"{w.Url} -> {w.StatusCode} {w.ErrorCode} {w.Failure} {w.ResponseBody}"));
        throw new TimeoutException($"Call {callId} never reached: {what}. Last state: {JsonSerializer.Serialize(call, Json)}{Environment.NewLine}Twilio's webhooks:{Environment.NewLine}{webhooks}");
    }

    /// <summary>Polls the CRM stand-in until a row matching <paramref name="condition"/> exists.</summary>
    public async Task<System.Text.Json.Nodes.JsonObject> WaitForRowAsync(string entitySet, Func<System.Text.Json.Nodes.JsonObject, bool> condition, string what, int seconds = 30)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            if (Dataverse.GetRows(entitySet).FirstOrDefault(condition) is { } row)
            {
                return row;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No {entitySet} row: {what}.");
    }

    public void Dispose()
    {
        _clients.ForEach(c => c.Dispose());
        Anonymous.Dispose();
        Factory.Dispose();
    }
}
