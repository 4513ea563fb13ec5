using CrmRecording.Emulators.Salesforce;

namespace CrmRecording.Service.Sandbox;

/// <summary>
/// The sandbox Salesforce org: the local Salesforce stand-in (a login host and an instance host), seeded like the
/// sandbox Dataverse, started with the service. The service's production <c>SalesforceClient</c> signs in to it
/// with the stand-in's client credentials.
/// </summary>
internal sealed partial class SandboxSalesforce(ILogger<SandboxSalesforce> log) : IHostedService, IAsyncDisposable
{
    private readonly SalesforceStandIn _standIn = new();

    /// <summary>The login host (token endpoint); valid once started.</summary>
    public Uri LoginAddress => _standIn.LoginAddress;

    public SalesforceStandIn StandIn => _standIn;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var login = await _standIn.StartAsync(cancellationToken).ConfigureAwait(false);
        SandboxStarted(log, login, _standIn.InstanceAddress);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _standIn.DisposeAsync().AsTask();

    public ValueTask DisposeAsync() => _standIn.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox Salesforce stand-in: login {Login}, instance {Instance}")]
    private static partial void SandboxStarted(ILogger logger, Uri login, Uri instance);
}
