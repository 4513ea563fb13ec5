using CrmRecording.Emulators.Dataverse.Faults;
using CrmRecording.Emulators.Dataverse.Http;
using CrmRecording.Emulators.Dataverse.Journal;
using CrmRecording.Emulators.Dataverse.Limits;
using CrmRecording.Emulators.Dataverse.Metadata;
using CrmRecording.Emulators.Dataverse.Operations;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Emulators.Dataverse.Store;
using CrmRecording.Emulators.Dataverse.Webhooks;
using CrmRecording.Emulators.Hosting;
using CrmRecording.Emulators.Journal;
using Microsoft.AspNetCore.Builder;

namespace CrmRecording.Emulators.Dataverse;

/// <summary>
/// A Dataverse environment on loopback: the Web API v9.2 subset this product uses, served by Kestrel on
/// 127.0.0.1 at a free port, over an in-memory store with <see cref="SeedData"/>, calling registered
/// webhook steps the way Dataverse does. Clients use <see cref="BaseAddress"/> as the environment URL and
/// <see cref="DataverseStandInOptions.BearerToken"/> as the access token.
/// </summary>
public sealed partial class DataverseStandIn : IAsyncDisposable
{
    private readonly RowStore store = new();
    private readonly ColumnKinds columnKinds = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly HttpClient webhookClient;
    private readonly WebApiHandler handler;
    private WebApplication? app;
    private Uri? baseAddress;
    private bool disposed;

    public DataverseStandIn(DataverseStandInOptions? options = null)
    {
        Options = options ?? new DataverseStandInOptions();
        Options.ThrowIfInvalid();
        webhookClient = Options.WebhookHandler is { } custom
            ? new HttpClient(custom, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan }
            : new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
        var depths = new DepthTracker();
        var pipeline = new WebhookPipeline(
            store,
            new ExecutionContextWriter(new XrmValueWriter(columnKinds), Options),
            new WebhookSender(webhookClient, Options.WebhookTimeout),
            Webhooks,
            depths,
            Options,
            () => Options.OrganizationDomain ?? BaseAddress.Host,
            stopping.Token);
        ServiceProtection = new ServiceProtection(Options.ServiceProtection, Options.TimeProvider);
        handler = new WebApiHandler(Options, store, new RowWriter(store, pipeline, Options.TimeProvider), Faults, Requests, depths, ServiceProtection, () => BaseAddress);
    }

    public DataverseStandInOptions Options { get; }

    /// <summary>Makes requests fail with 429 or 503 on demand.</summary>
    public FaultInjector Faults { get; } = new();

    /// <summary>The service protection limits' usage and refusals (enforced when <see cref="DataverseStandInOptions.ServiceProtection"/> is enabled).</summary>
    public ServiceProtection ServiceProtection { get; }

    /// <summary>Every request received.</summary>
    public RequestJournal<RecordedRequest> Requests { get; } = new();

    /// <summary>Every webhook delivery made.</summary>
    public WebhookJournal Webhooks { get; } = new();

    /// <summary>The environment URL, <c>http://127.0.0.1:PORT/</c>; available once started.</summary>
    public Uri BaseAddress => baseAddress ?? throw new InvalidOperationException("The Dataverse stand-in has not been started.");

    /// <summary><c>http://127.0.0.1:PORT/api/data/v9.2/</c>.</summary>
    public Uri WebApiAddress => new(BaseAddress, WebApiHandler.ApiPath);

    /// <summary>Loads the seed data (unless turned off), starts listening on 127.0.0.1 (a free port unless <see cref="DataverseStandInOptions.Port"/> is set) and returns <see cref="BaseAddress"/>.</summary>
    public async Task<Uri> StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (app is not null)
        {
            throw new InvalidOperationException("The Dataverse stand-in is already started.");
        }

        if (Options.LoadSeedData)
        {
            SeedLoader.Load(store);
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
        await stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Webhooks.WhenIdleAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Asynchronous deliveries end by cancellation when the stand-in stops.
        }

        await LoopbackHost.StopAsync(app).ConfigureAwait(false);

        webhookClient.Dispose();
        stopping.Dispose();
    }
}
