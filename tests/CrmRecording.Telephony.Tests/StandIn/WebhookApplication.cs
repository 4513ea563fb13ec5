using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Telephony.Tests.StandIn;

/// <summary>
/// The application Twilio calls back, on its own Kestrel at 127.0.0.1: every webhook is checked with the production
/// <see cref="TwilioSignature.IsValidForm"/> over the URL rebuilt by <see cref="TwilioSignature.PublicRequestUrl"/>,
/// as the service does; a valid one is answered with the TwiML its route returns, an invalid one with 403.
/// </summary>
internal sealed class WebhookApplication : IAsyncDisposable
{
    private readonly string authToken;
    private readonly ConcurrentDictionary<string, Func<ReceivedWebhook, Task<string>>> routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();
    private readonly ConcurrentQueue<Exception> failures = new();
    private readonly WebApplication app;

    private WebhookApplication(string authToken)
    {
        this.authToken = authToken;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.Run(HandleAsync);
    }

    /// <summary><c>http://127.0.0.1:PORT/</c>, the public base URL every callback is under.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<ReceivedWebhook> Received => received.ToArray();

    /// <summary>What a route threw; the stand-in saw a 500 for it.</summary>
    public IReadOnlyList<Exception> Failures => failures.ToArray();

    public static async Task<WebhookApplication> StartAsync(string authToken)
    {
        var application = new WebhookApplication(authToken);
        await application.app.StartAsync();
        var address = application.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        application.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return application;
    }

    public Uri Url(string path) => new(BaseAddress, path.TrimStart('/'));

    public void Route(string path, Func<ReceivedWebhook, Task<string>> answer) => routes[path] = answer;

    public void Route(string path, Func<ReceivedWebhook, string> answer) => routes[path] = webhook => Task.FromResult(answer(webhook));

    public IReadOnlyList<ReceivedWebhook> To(string path) => [.. Received.Where(w => w.Path == path)];

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var form = request.HasFormContentType ? await request.ReadFormAsync(context.RequestAborted) : null;
        var pairs = form?.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? string.Empty))).ToList() ?? [];
        var url = TwilioSignature.PublicRequestUrl(BaseAddress, request.Path.Value + request.QueryString.Value).AbsoluteUri;
        var signature = request.Headers[TwilioSignature.HeaderName].ToString();
        var webhook = new ReceivedWebhook(request.Path.Value ?? string.Empty, url, pairs, signature, TwilioSignature.IsValidForm(authToken, url, pairs, signature));
        received.Enqueue(webhook);
        if (!webhook.SignatureValid)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        string twiml;
        try
        {
            twiml = routes.TryGetValue(webhook.Path, out var answer) ? await answer(webhook) : CallTwiml.Empty();
        }
        catch (Exception e)
        {
            // Whatever a route throws is kept for the test to assert on; Twilio only sees a 500.
            failures.Enqueue(e);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        context.Response.ContentType = CallTwiml.ContentType;
        await context.Response.WriteAsync(twiml, context.RequestAborted);
    }
}
