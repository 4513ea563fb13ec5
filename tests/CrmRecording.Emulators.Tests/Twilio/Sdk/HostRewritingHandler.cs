namespace CrmRecording.Emulators.Tests.Twilio.Sdk;

/// <summary>
/// Sends what Twilio's helper library addresses to <c>https://api.twilio.com</c> (or any Twilio host) to the stand-in
/// instead, path and query unchanged: the SDK runs as it would against Twilio, over the loopback.
/// </summary>
internal sealed class HostRewritingHandler(Uri standIn) : DelegatingHandler(new SocketsHttpHandler())
{
    public List<Uri> Rewritten { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var original = request.RequestUri!;
        Assert.EndsWith(".twilio.com", original.Host, StringComparison.Ordinal);
        lock (Rewritten)
        {
            Rewritten.Add(original);
        }

        request.RequestUri = new UriBuilder(original) { Scheme = standIn.Scheme, Host = standIn.Host, Port = standIn.Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
