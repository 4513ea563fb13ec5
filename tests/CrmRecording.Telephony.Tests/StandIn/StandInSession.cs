using CrmRecording.Emulators.Twilio;
using CrmRecording.Telephony.Tests.Support;
using CrmRecording.Testing.Http;

namespace CrmRecording.Telephony.Tests.StandIn;

/// <summary>
/// The production <see cref="TwilioClient"/> pointed at a started <see cref="TwilioStandIn"/> (API and Lookup base URL,
/// the stand-in's account and credentials), and the <see cref="WebhookApplication"/> the stand-in calls back. The
/// client's retry waits run on <see cref="ClientTime"/>, which never sleeps; the stand-in stamps dates and measures
/// recordings on <see cref="NetworkTime"/>, which only moves when a test advances it.
/// </summary>
internal sealed class StandInSession : IAsyncDisposable
{
    public const string Rep = "client:rep-ada";
    public const string CallerId = "+14155550100";
    public const string Customer = "+14155550199";

    public static readonly DateTimeOffset Start = new(2026, 3, 4, 15, 6, 7, TimeSpan.Zero);

    private readonly HttpClient http;

    private StandInSession(TwilioStandIn standIn, WebhookApplication application, TwilioClientOptions options, JumpingTime networkTime)
    {
        StandIn = standIn;
        Application = application;
        Options = options;
        NetworkTime = networkTime;
        ClientTime = new JumpingTime(Start);
        http = new HttpClient();
        Client = new TwilioClient(http, options, ClientTime);
    }

    /// <summary>Long enough for any call to reach the state a test waits for; nothing waits this long when all is well.</summary>
    public static TimeSpan Patience => TimeSpan.FromSeconds(10);

    public TwilioStandIn StandIn { get; }

    public WebhookApplication Application { get; }

    public TwilioClientOptions Options { get; }

    public TwilioClient Client { get; }

    public JumpingTime ClientTime { get; }

    public JumpingTime NetworkTime { get; }

    public static async Task<StandInSession> StartAsync(Action<TwilioStandInOptions>? configureStandIn = null, Action<TwilioClientOptions>? configureClient = null)
    {
        var networkTime = new JumpingTime(Start);
        var standInOptions = new TwilioStandInOptions { TimeProvider = networkTime };
        configureStandIn?.Invoke(standInOptions);
        var standIn = new TwilioStandIn(standInOptions);
        var baseAddress = await standIn.StartAsync();
        var options = new TwilioClientOptions
        {
            AccountSid = standInOptions.AccountSid,
            AuthToken = standInOptions.AuthToken,
            ApiBaseUrl = baseAddress,
            LookupBaseUrl = baseAddress,
            CallerId = CallerId,
        };
        configureClient?.Invoke(options);
        var application = await WebhookApplication.StartAsync(options.AuthToken!);
        options.PublicBaseUrl = application.BaseAddress;
        return new StandInSession(standIn, application, options, networkTime);
    }

    /// <summary>Places a call from <see cref="CallerId"/> to <paramref name="to"/> whose TwiML the application serves at <paramref name="path"/>.</summary>
    public Task<TwilioCall> CallAsync(string to, string path) =>
        Client.CreateCallAsync(new CreateCallRequest(to, null, Application.Url(path)));

    /// <summary>
    /// A rep's call bridged to the customer with nothing said on the customer's leg, so it stays up until hung up:
    /// RepLeg dials the customer and DoNotRecordLeg bridges at once.
    /// </summary>
    public async Task<string> BridgedCallAsync()
    {
        Application.Route("/voice", _ => CallTwiml.RepLeg(string.Empty, "en-US", Customer, CallerId, Application.Url("/customer"), Application.Url("/dial-done"), recordFromAnswerDual: false, null));
        Application.Route("/customer", _ => CallTwiml.DoNotRecordLeg());
        var call = await CallAsync(Rep, "/voice");
        await StandIn.WaitForCallAsync(call.Sid, c => c.Bridged, Patience);
        return call.Sid;
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await StandIn.DisposeAsync();
        await Application.DisposeAsync();
    }
}
