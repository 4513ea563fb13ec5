using System.Net;
using CrmRecording.Service.Calls;
using CrmRecording.Telephony;
using CrmRecording.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Service.Tests.Calls;

/// <summary>Behind a proxy: a signature for the URL the proxy was asked for is accepted when its forwarded headers are trusted.</summary>
public sealed class ForwardedHeadersTests : IDisposable
{
    private const string AuthToken = "0123456789abcdef0123456789abcdef";
    private readonly ServiceFactory _factory = new() { Crm = new FakeCrm() };

    public ForwardedHeadersTests()
    {
        _factory.Settings["Twilio:Mode"] = "remote";
        _factory.Settings["Twilio:AccountSid"] = "AC0123456789abcdef0123456789abcdef";
        _factory.Settings["Twilio:AuthToken"] = AuthToken;
        _factory.Settings["Twilio:CallerId"] = "+14155550100";
        _factory.Settings["Twilio:PublicBaseUrl"] = "https://calls.example.com/";
        _factory.Settings["Service:TrustForwardedHeaders"] = "true";
        _factory.UseKestrel(0);
        _factory.StartServer();
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task SignedForTheProxysHost_IsAcceptedOnlyWithTheProxysForwardedHeaders()
    {
        var call = CallRecords.New();
        await _factory.Services.GetRequiredService<ICallStore>().AddAsync(call);
        var fields = new Dictionary<string, string> { ["CallSid"] = call.TwilioCallSid!, ["CallStatus"] = "ringing" };
        var path = $"/twilio/calls/{call.Id}/status";
        var signature = TwilioSignature.Compute(AuthToken, "https://media.example.com" + path, fields);
        using var client = _factory.CreateClient();

        using var direct = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        direct.Headers.Add(TwilioSignature.HeaderName, signature);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(direct)).StatusCode);

        using var viaProxy = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        viaProxy.Headers.Add(TwilioSignature.HeaderName, signature);
        viaProxy.Headers.Add("X-Forwarded-Proto", "https");
        viaProxy.Headers.Add("X-Forwarded-Host", "media.example.com");
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(viaProxy)).StatusCode);
    }

    [Fact]
    public async Task OversizedChunkedForm_IsRefusedBeforeItsSignatureIsChecked()
    {
        using var client = _factory.CreateClient();
        var big = "CallSid=" + new string('a', 200_000);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/twilio/recording-status?call=x")
        {
            Content = new StreamContent(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(big))),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
