using System.Text;
using CrmRecording.Testing.Http;

namespace CrmRecording.Telephony.Tests.Support;

/// <summary>A <see cref="TwilioClient"/> over the stub transport and a fake clock, with jitter fixed at its midpoint.</summary>
internal sealed class ClientHarness : IDisposable
{
    public const string AccountSid = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    public const string AuthToken = "auth-token-0123456789";
    public const string Api = "https://api.twilio.com/2010-04-01/Accounts/" + AccountSid + "/";
    public const string CallSid = "CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    public const string RecordingSid = "REaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    private readonly HttpClient http;

    public ClientHarness(Action<TwilioClientOptions>? configure = null, bool frozenTime = false, StubHttpHandler? handler = null)
    {
        var options = ValidOptions();
        configure?.Invoke(options);
        Options = options;
        Time = new JumpingTime(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero)) { Frozen = frozenTime };
        Handler = handler ?? new StubHttpHandler();
        http = new HttpClient(Handler);
        Client = new TwilioClient(http, options, Time, randomizer: () => 0.5);
    }

    public StubHttpHandler Handler { get; }

    public JumpingTime Time { get; }

    public TwilioClientOptions Options { get; }

    public TwilioClient Client { get; }

    public RecordedRequest Single => Assert.Single(Handler.Requests);

    public static TwilioClientOptions ValidOptions() => new()
    {
        AccountSid = AccountSid,
        AuthToken = AuthToken,
        CallerId = "+15017122661",
        PublicBaseUrl = new Uri("https://media.example.com/"),
    };

    public static string Basic(string user, string secret) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}"));

    /// <summary>The form body as name/value pairs in wire order, decoded as Twilio decodes it.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Form(RecordedRequest request)
    {
        Assert.Equal("application/x-www-form-urlencoded", request.Header("Content-Type"));
        return [.. (request.Body ?? string.Empty)
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(p => new KeyValuePair<string, string>(Decode(p[0]), Decode(p[1])))];
    }

    public void Dispose()
    {
        http.Dispose();
        Handler.Dispose();
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
