using CrmRecording.Emulators.Twilio;
using CrmRecording.Telephony;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Sandbox;

/// <summary>
/// The sandbox telephony: the local Twilio stand-in, started with the service. The production Twilio client
/// is pointed at it (account, token, API and Lookup addresses), and once the service listens its own address
/// becomes the public URL the stand-in calls back and signs for. Sandbox callees: the seeded California
/// contact presses 1 at the consent question; everyone else answers; calls end by themselves after a few seconds.
/// </summary>
internal sealed partial class SandboxTwilio(IServer server, IHostApplicationLifetime lifetime, IConfiguration configuration, TimeProvider time, ILogger<SandboxTwilio> log)
    : IHostedService, IPostConfigureOptions<TwilioClientOptions>, IAsyncDisposable
{
    public const string CallerId = "+15005550006";
    private readonly Lock _gate = new();
    private TwilioStandIn? _standIn;
    private TwilioClientOptions? _options;

    public TwilioStandIn StandIn => Started;

    public void PostConfigure(string? name, TwilioClientOptions options)
    {
        var standIn = Started;
        options.AccountSid = standIn.Options.AccountSid;
        options.AuthToken = standIn.Options.AuthToken;
        options.ApiBaseUrl = standIn.BaseAddress;
        options.LookupBaseUrl = standIn.BaseAddress;
        options.CallerId ??= CallerId;
        _options = options;
        SetPublicUrl();
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Sandbox:CallSeconds = 0 keeps calls up until hung up (tests drive the end themselves).
        var seconds = configuration.GetValue("Sandbox:CallSeconds", 5);
        var options = new TwilioStandInOptions
        {
            AutoHangUpAfter = seconds > 0 ? TimeSpan.FromSeconds(seconds) : null,
            TimeProvider = time,
            // A fresh signing token per start: a token known from the source would let anyone forge the sandbox's webhooks.
            AuthToken = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
        };
        options.Callees["+14155550101"] = new CalleeScript(CalleeBehavior.PressesOne);
        if (!configuration.GetValue("Sandbox:CallsAnswered", true))
        {
            // Benchmarks of the dialer API: calls are placed but nobody picks up, so no call flow runs meanwhile.
            options.DefaultCallee = new CalleeScript(CalleeBehavior.DoesNotAnswer);
            options.Callees.Clear();
        }
        var standIn = new TwilioStandIn(options);
        var address = await standIn.StartAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _standIn = standIn;
        }

        SandboxStarted(log, address);
        lifetime.ApplicationStarted.Register(SetPublicUrl);
    }

    public Task StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        TwilioStandIn? standIn;
        lock (_gate)
        {
            standIn = _standIn;
        }

        if (standIn is not null)
        {
            await standIn.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The running stand-in; the Twilio client's options are read only after the hosted services have started.</summary>
    private TwilioStandIn Started
    {
        get
        {
            lock (_gate)
            {
                return _standIn ?? throw new InvalidOperationException("The sandbox Twilio stand-in has not started yet; Twilio options are read before the host started.");
            }
        }
    }

    private void SetPublicUrl()
    {
        // Before the server has started, the address may still be the configured one with port 0.
        if (_options is null || _options.PublicBaseUrl is not null || !lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return;
        }

        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (listening is not null)
        {
            _options.PublicBaseUrl = new Uri(listening.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox Twilio stand-in listening on {Address}")]
    private static partial void SandboxStarted(ILogger logger, Uri address);
}
