using CrmRecording.Emulators.Salesforce;
using CrmRecording.Service.Crm.Salesforce;
using CrmRecording.Service.Webhooks;
using Microsoft.AspNetCore.Hosting.Server;

namespace CrmRecording.Service.Sandbox;

/// <summary>
/// The sandbox Salesforce org: the local Salesforce stand-in (a login host and an instance host), seeded like the
/// sandbox Dataverse, started with the service. The service's production <c>SalesforceClient</c> signs in to it
/// with the stand-in's client credentials. Once the service listens, the org's Contact and Lead flows send their
/// Outbound Messages to this service's <c>/webhooks/salesforce/{secret}</c> with the generated secret, as the
/// package's outbound message action does in a real org. <c>Sandbox:Salesforce:LoginUrl</c> attaches the sandbox to a
/// stand-in running elsewhere instead (a benchmark's, say), whose owner points its Outbound Messages at this service.
/// </summary>
internal sealed partial class SandboxSalesforce(SalesforceNotificationSettings notifications, IConfiguration configuration, IServer server, IHostApplicationLifetime lifetime, ILogger<SandboxSalesforce> log) : IHostedService, IAsyncDisposable
{
    private readonly Uri? _attachedTo = configuration["Sandbox:Salesforce:LoginUrl"] is { Length: > 0 } url ? new Uri(url) : null;
    private readonly SalesforceStandIn? _standIn = configuration["Sandbox:Salesforce:LoginUrl"] is { Length: > 0 } ? null : new SalesforceStandIn();

    /// <summary>The login host (token endpoint); valid once started.</summary>
    public Uri LoginAddress => _standIn?.LoginAddress ?? _attachedTo!;

    /// <summary>The stand-in's app (its client credentials are the stand-in's defaults when attached).</summary>
    public SalesforceStandInOptions Options => _standIn?.Options ?? new SalesforceStandInOptions();

    /// <summary>True when the stand-in runs elsewhere (Sandbox:Salesforce:LoginUrl); <see cref="StandIn"/> is then not available.</summary>
    public bool Attached => _standIn is null;

    public SalesforceStandIn StandIn => _standIn ?? throw new InvalidOperationException("The sandbox is attached to a Salesforce stand-in running elsewhere (Sandbox:Salesforce:LoginUrl).");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_standIn is null)
        {
            SandboxAttached(log, LoginAddress);
            return;
        }

        var login = await _standIn.StartAsync(cancellationToken).ConfigureAwait(false);
        SandboxStarted(log, login, _standIn.InstanceAddress);
        lifetime.ApplicationStarted.Register(PointOutboundMessages);
    }

    public Task StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    public ValueTask DisposeAsync() => _standIn?.DisposeAsync() ?? ValueTask.CompletedTask;

    private void PointOutboundMessages()
    {
        if (_standIn is null)
        {
            return;
        }

        if (SandboxListening.Root(server) is not { } root)
        {
            NoAddress(log);
            return;
        }

        _standIn.OutboundMessages.Endpoint = new Uri(root, SalesforceWebhookEndpoint.Route.Replace("{secret}", Uri.EscapeDataString(notifications.Secret.Value), StringComparison.Ordinal));
        OutboundMessagesPointed(log);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox: using the Salesforce stand-in already running at {Login}")]
    private static partial void SandboxAttached(ILogger logger, Uri login);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox Salesforce stand-in: login {Login}, instance {Instance}")]
    private static partial void SandboxStarted(ILogger logger, Uri login, Uri instance);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox: the Salesforce stand-in's Contact and Lead flows send their Outbound Messages to this service")]
    private static partial void OutboundMessagesPointed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox: the service's address is not known, so the Salesforce stand-in sends no Outbound Messages")]
    private static partial void NoAddress(ILogger logger);
}
