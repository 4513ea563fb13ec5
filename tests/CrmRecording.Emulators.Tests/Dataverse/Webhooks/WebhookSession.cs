using System.Text.Json;
using CrmRecording.Emulators.Dataverse;
using CrmRecording.Emulators.Dataverse.Webhooks;

namespace CrmRecording.Emulators.Tests.Dataverse.Webhooks;

/// <summary>A stand-in whose webhook calls go to a <see cref="WebhookReceiver"/> in place of the service.</summary>
internal sealed class WebhookSession : IAsyncDisposable
{
    public static readonly Uri ServiceUrl = new("https://media.contoso.example/webhooks/dataverse");

    private WebhookSession(StandInSession session, WebhookReceiver receiver)
    {
        Session = session;
        Receiver = receiver;
    }

    public StandInSession Session { get; }

    public WebhookReceiver Receiver { get; }

    public DataverseStandIn StandIn => Session.StandIn;

    public static async Task<WebhookSession> StartAsync(Action<DataverseStandInOptions>? configure = null)
    {
        var receiver = new WebhookReceiver();
        var options = new DataverseStandInOptions { WebhookHandler = receiver };
        configure?.Invoke(options);
        return new WebhookSession(await StandInSession.StartAsync(options), receiver);
    }

    public Guid Register(WebhookStep step, WebhookAuthType auth = WebhookAuthType.WebhookKey, string authValue = "key-123", Uri? url = null)
    {
        var endpoint = StandIn.RegisterWebhookEndpoint(new WebhookEndpoint("CrmRecording media service", url ?? ServiceUrl, auth, authValue));
        return StandIn.RegisterWebhookStep(endpoint, step);
    }

    public async Task<JsonElement> SingleBodyAsync()
    {
        await StandIn.Webhooks.WhenIdleAsync();
        var webhook = Assert.Single(Receiver.Received);
        using var document = JsonDocument.Parse(webhook.Body);
        return document.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        Receiver.Dispose();
    }
}
