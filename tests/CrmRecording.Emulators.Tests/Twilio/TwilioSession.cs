using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmRecording.Emulators.Twilio;
using Microsoft.Extensions.Time.Testing;

namespace CrmRecording.Emulators.Tests.Twilio;

/// <summary>A started stand-in, the fake application it calls, a manual clock, and a raw HttpClient that authenticates as Twilio's docs show.</summary>
internal sealed class TwilioSession : IAsyncDisposable
{
    public const string Rep = "client:rep-ada";
    public const string CompanyNumber = "+14155550100";
    public const string Customer = "+14155550199";

    private TwilioSession(TwilioStandIn standIn, FakeApplication application, FakeTimeProvider clock, HttpClient http)
    {
        StandIn = standIn;
        Application = application;
        Clock = clock;
        Http = http;
    }

    public TwilioStandIn StandIn { get; }

    public FakeApplication Application { get; }

    public FakeTimeProvider Clock { get; }

    public HttpClient Http { get; }

    public string Account => StandIn.Options.AccountSid;

    public static TimeSpan Patience => TimeSpan.FromSeconds(10);

    public static async Task<TwilioSession> StartAsync(Action<TwilioStandInOptions>? configure = null)
    {
        var application = new FakeApplication();
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 4, 15, 6, 7, TimeSpan.Zero));
        var options = new TwilioStandInOptions { WebhookHandler = application, TimeProvider = clock };
        configure?.Invoke(options);
        var standIn = new TwilioStandIn(options);
        var address = await standIn.StartAsync();
        var http = new HttpClient { BaseAddress = address };
        http.DefaultRequestHeaders.Authorization = Basic(options.AccountSid, options.AuthToken);
        return new TwilioSession(standIn, application, clock, http);
    }

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public string Api(string relative) => $"2010-04-01/Accounts/{Account}/{relative}";

    public Task<HttpResponseMessage> PostAsync(string relative, params (string Name, string Value)[] form) =>
        Http.PostAsync(Api(relative), new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    /// <summary>Creates a call from the company number to <paramref name="to"/> that fetches <paramref name="path"/> of the application, and returns its sid.</summary>
    public async Task<string> CallAsync(string to, string path, params (string Name, string Value)[] extra)
    {
        using var response = await PostAsync("Calls.json", [("To", to), ("From", CompanyNumber), ("Url", FakeApplication.Url(path)), .. extra]);
        var json = await JsonAsync(response);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return json.GetProperty("sid").GetString()!;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await StandIn.DisposeAsync();
        Application.Dispose();
    }
}
