using CrmRecording.Emulators.Hosting;
using CrmRecording.Emulators.Journal;
using CrmRecording.Emulators.Twilio.Calls;
using CrmRecording.Emulators.Twilio.Faults;
using CrmRecording.Emulators.Twilio.Http;
using CrmRecording.Emulators.Twilio.Journal;
using CrmRecording.Emulators.Twilio.Lookup;
using CrmRecording.Emulators.Twilio.Webhooks;
using Microsoft.AspNetCore.Builder;

namespace CrmRecording.Emulators.Twilio;

/// <summary>
/// Twilio on loopback: the REST API 2010-04-01 subset this product uses (calls, call recordings, recording media)
/// and Lookup v2 on one Kestrel host at 127.0.0.1 on a free port; calls are played by a scripted telephone network
/// that fetches the application's TwiML and sends signed webhooks as Twilio does. The production client uses
/// <see cref="BaseAddress"/> as both its API and its Lookup base URL, with <see cref="TwilioStandInOptions.AccountSid"/>
/// and <see cref="TwilioStandInOptions.AuthToken"/> as credentials.
/// </summary>
public sealed partial class TwilioStandIn : IAsyncDisposable
{
    private readonly BackgroundWork background = new();
    private readonly HttpClient webhookClient;
    private readonly CallBook book;
    private readonly CallRunner runner;
    private readonly RestHandler handler;
    private WebApplication? app;
    private Uri? baseAddress;
    private bool disposed;

    public TwilioStandIn(TwilioStandInOptions? options = null)
    {
        Options = options ?? new TwilioStandInOptions();
        Options.ThrowIfInvalid();
        webhookClient = Options.WebhookHandler is { } custom
            ? new HttpClient(custom, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan }
            : new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
        book = new CallBook(Options.TimeProvider);
        runner = new CallRunner(book, new WebhookSender(webhookClient, Options, Webhooks), Options, () => BaseAddress, background);
        handler = new RestHandler(Options, book, runner, new LookupResponder(Options, () => BaseAddress), Faults, Requests, background, () => BaseAddress);
    }

    public TwilioStandInOptions Options { get; }

    /// <summary>Makes REST and Lookup requests fail with 429, 500 or 503, or drops them during an outage.</summary>
    public FaultInjector Faults { get; } = new();

    /// <summary>Every REST and Lookup request received.</summary>
    public RequestJournal<RecordedRequest> Requests { get; } = new();

    /// <summary>Every webhook sent to the application, with its signature, answer and any debugger error.</summary>
    public WebhookJournal Webhooks { get; } = new();

    /// <summary><c>http://127.0.0.1:PORT/</c>, the base of both <c>/2010-04-01/</c> and <c>/v2/PhoneNumbers/</c>; available once started.</summary>
    public Uri BaseAddress => baseAddress ?? throw new InvalidOperationException("The Twilio stand-in has not been started.");

    /// <summary>Starts listening on 127.0.0.1 (a free port unless <see cref="TwilioStandInOptions.Port"/> is set) and returns <see cref="BaseAddress"/>.</summary>
    public async Task<Uri> StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (app is not null)
        {
            throw new InvalidOperationException("The Twilio stand-in is already started.");
        }

        (app, var addresses) = await LoopbackHost.StartAsync(handler.HandleAsync, [Options.Port], cancellationToken).ConfigureAwait(false);
        baseAddress = addresses[0];
        return baseAddress;
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        await background.StopAsync().ConfigureAwait(false);
        await LoopbackHost.StopAsync(app).ConfigureAwait(false);

        webhookClient.Dispose();
        background.Dispose();
    }
}
