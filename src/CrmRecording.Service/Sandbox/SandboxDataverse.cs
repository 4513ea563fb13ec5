using CrmRecording.Emulators.Dataverse;
using CrmRecording.Emulators.Dataverse.Webhooks;
using CrmRecording.Plugins;
using CrmRecording.Service.Webhooks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CrmRecording.Service.Sandbox;

/// <summary>
/// The sandbox CRM: the local Dataverse stand-in, seeded with contacts, users and roles, started with the
/// service. Once the service listens, the plugins' steps are registered on it as webhook steps pointing at
/// this service, with the generated webhook key — exactly what an admin's solution import and
/// <c>crmrec dataverse register</c> do against a real environment.
/// </summary>
internal sealed partial class SandboxDataverse(WebhookSecret secret, Microsoft.Extensions.Options.IOptions<Options.DataverseOptions> dataverseOptions, IServer server, IHostApplicationLifetime lifetime, ILogger<SandboxDataverse> log) : IHostedService, IAsyncDisposable
{
    private readonly DataverseStandIn _standIn = new();

    /// <summary>The stand-in's root, e.g. http://127.0.0.1:41234/; valid once started.</summary>
    public Uri BaseAddress => _standIn.BaseAddress;

    public string AccessToken => _standIn.Options.BearerToken;

    public DataverseStandIn StandIn => _standIn;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var address = await _standIn.StartAsync(cancellationToken).ConfigureAwait(false);
        SandboxStarted(log, address);
        lifetime.ApplicationStarted.Register(RegisterSteps);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _standIn.DisposeAsync().AsTask();

    public ValueTask DisposeAsync() => _standIn.DisposeAsync();

    private void RegisterSteps()
    {
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (listening is null)
        {
            NoAddress(log);
            return;
        }

        var endpoint = _standIn.RegisterWebhookEndpoint(new WebhookEndpoint(
            "CrmRecording media service (sandbox)", new Uri(new Uri(listening.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)), "/webhooks/dataverse"), WebhookAuthType.HttpHeader,
            new System.Xml.Linq.XElement("settings", new System.Xml.Linq.XElement("setting", new System.Xml.Linq.XAttribute("name", dataverseOptions.Value.WebhookHeaderName), new System.Xml.Linq.XAttribute("value", secret.Value))).ToString(System.Xml.Linq.SaveOptions.DisableFormatting)));
        foreach (var r in PluginCatalog.Registrations)
        {
            _standIn.RegisterWebhookStep(endpoint, new WebhookStep(
                r.Message,
                r.Table,
                (StepStage)(int)r.Stage,
                (StepMode)(int)r.Mode,
                r.FilteringAttributes,
                r.Images.Select(i => new WebhookStepImage(i.Name, i.Post ? StepImageType.PostImage : StepImageType.PreImage, i.Attributes)).ToList(),
                Name: r.Name));
        }

        StepsRegistered(log, PluginCatalog.Registrations.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox Dataverse stand-in listening on {Address}")]
    private static partial void SandboxStarted(ILogger logger, Uri address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox: {Count} webhook steps registered against this service")]
    private static partial void StepsRegistered(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox: the service's address is not known, so no webhook steps were registered")]
    private static partial void NoAddress(ILogger logger);
}
