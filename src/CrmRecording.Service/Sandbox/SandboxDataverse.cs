using CrmRecording.Emulators.Dataverse;
using CrmRecording.Emulators.Dataverse.Webhooks;
using CrmRecording.Plugins;
using CrmRecording.Service.Webhooks;
using Microsoft.AspNetCore.Hosting.Server;

namespace CrmRecording.Service.Sandbox;

/// <summary>
/// The sandbox CRM: the local Dataverse stand-in, seeded with contacts, users and roles, started with the
/// service. Once the service listens, the plugins' steps are registered on it as webhook steps pointing at
/// this service, with the generated webhook key — exactly what an admin's solution import and
/// <c>crmrec dataverse register</c> do against a real environment.
/// The stand-in lives in this process, so its data and the calls in flight die with it. For tests that must kill
/// the service and keep the CRM, <c>Sandbox:Dataverse:Url</c> and <c>Sandbox:Dataverse:AccessToken</c> attach the
/// sandbox to a stand-in already running elsewhere (its owner registers the webhook steps).
/// </summary>
internal sealed partial class SandboxDataverse(WebhookSecret secret, Microsoft.Extensions.Options.IOptions<Options.DataverseOptions> dataverseOptions, IConfiguration configuration, IServer server, IHostApplicationLifetime lifetime, ILogger<SandboxDataverse> log) : IHostedService, IAsyncDisposable
{
    private readonly Uri? _attachedTo = configuration["Sandbox:Dataverse:Url"] is { Length: > 0 } url ? new Uri(url) : null;
    private readonly DataverseStandIn? _standIn = configuration["Sandbox:Dataverse:Url"] is { Length: > 0 } ? null : new DataverseStandIn();

    /// <summary>The stand-in's root, e.g. http://127.0.0.1:41234/; valid once started.</summary>
    public Uri BaseAddress => _standIn?.BaseAddress ?? _attachedTo!;

    public string AccessToken => _standIn?.Options.BearerToken
        ?? configuration["Sandbox:Dataverse:AccessToken"]
        ?? throw new InvalidOperationException("Sandbox:Dataverse:Url is set without Sandbox:Dataverse:AccessToken, the stand-in's bearer token.");

    /// <summary>True when the stand-in runs elsewhere (Sandbox:Dataverse:Url); <see cref="StandIn"/> is then not available.</summary>
    public bool Attached => _standIn is null;

    public DataverseStandIn StandIn => _standIn ?? throw new InvalidOperationException("The sandbox is attached to a Dataverse stand-in running elsewhere (Sandbox:Dataverse:Url); its rows are read through the Web API.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_standIn is null)
        {
            SandboxAttached(log, BaseAddress);
            return;
        }

        var address = await _standIn.StartAsync(cancellationToken).ConfigureAwait(false);
        SandboxStarted(log, address);
        lifetime.ApplicationStarted.Register(RegisterSteps);
    }

    public Task StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    public ValueTask DisposeAsync() => _standIn?.DisposeAsync() ?? ValueTask.CompletedTask;

    private void RegisterSteps()
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

        var endpoint = _standIn.RegisterWebhookEndpoint(new WebhookEndpoint(
            "CrmRecording media service (sandbox)", new Uri(root, "/webhooks/dataverse"), WebhookAuthType.HttpHeader,
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox: using the Dataverse stand-in already running at {Address}")]
    private static partial void SandboxAttached(ILogger logger, Uri address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox Dataverse stand-in listening on {Address}")]
    private static partial void SandboxStarted(ILogger logger, Uri address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox: {Count} webhook steps registered against this service")]
    private static partial void StepsRegistered(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox: the service's address is not known, so no webhook steps were registered")]
    private static partial void NoAddress(ILogger logger);
}
