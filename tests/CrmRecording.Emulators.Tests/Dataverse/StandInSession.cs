using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmRecording.Emulators.Dataverse;

namespace CrmRecording.Emulators.Tests.Dataverse;

/// <summary>A started stand-in and a raw HttpClient that sends what Microsoft's examples send (Accept, OData-MaxVersion, OData-Version, bearer).</summary>
internal sealed class StandInSession : IAsyncDisposable
{
    private StandInSession(DataverseStandIn standIn, HttpClient http)
    {
        StandIn = standIn;
        Http = http;
    }

    public DataverseStandIn StandIn { get; }

    public HttpClient Http { get; }

    public Uri Api => StandIn.WebApiAddress;

    public static async Task<StandInSession> StartAsync(DataverseStandInOptions? options = null)
    {
        var standIn = new DataverseStandIn(options);
        await standIn.StartAsync();
        var http = new HttpClient { BaseAddress = standIn.WebApiAddress };
        return new StandInSession(standIn, http);
    }

    public HttpRequestMessage Request(HttpMethod method, string relative, string? json = null, bool authorize = true)
    {
        var request = new HttpRequestMessage(method, relative);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Add("OData-MaxVersion", "4.0");
        request.Headers.Add("OData-Version", "4.0");
        if (authorize)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", StandIn.Options.BearerToken);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string relative, string? json = null, params (string Name, string Value)[] headers)
    {
        using var request = Request(method, relative, json);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string relative, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Get, relative, null, headers);

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await StandIn.DisposeAsync();
    }
}
