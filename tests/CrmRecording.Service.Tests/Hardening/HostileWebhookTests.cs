using System.Net;
using System.Text;
using CrmRecording.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmRecording.Service.Tests.Hardening;

/// <summary>
/// Bodies any stranger can send to the Twilio webhooks, unsigned: each is a 400 (or a 403) with one warning
/// line, never a 500 with an error-level stack trace that lets anyone fill the log.
/// </summary>
public sealed class HostileWebhookTests : IDisposable
{
    private const string Key = "test-webhook-key-0123456789abcdef";
    private const string CallId = "0123456789abcdef0123456789abcdef";
    private readonly CapturedLogs _logs = new();
    private readonly ServiceFactory _factory;

    public HostileWebhookTests()
    {
        _factory = new ServiceFactory { Crm = new FakeCrm(), Overrides = s => s.AddSingleton<ILoggerProvider>(_logs) };
        _factory.Settings["Dataverse:WebhookKey"] = Key;
        _factory.Settings["Twilio:Mode"] = "remote";
        _factory.Settings["Twilio:AccountSid"] = "AC0123456789abcdef0123456789abcdef";
        _factory.Settings["Twilio:AuthToken"] = "0123456789abcdef0123456789abcdef";
        _factory.Settings["Twilio:PublicBaseUrl"] = "https://media.example.com/";
        _factory.Settings["Twilio:CallerId"] = "+14155550100";
        foreach (var (key, value) in CapturedLogs.TraceSettings)
        {
            _factory.Settings[key] = value;
        }
    }

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in new[] { $"/twilio/voice/{CallId}/customer", $"/twilio/calls/{CallId}/status", $"/twilio/recording-status?call={CallId}" })
        {
            foreach (var body in new[] { "too-many-fields", "long-key", "broken-multipart" })
            {
                data.Add(path, body);
            }
        }

        return data;
    }

    public void Dispose() => _factory.Dispose();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task TwilioWebhook_UnreadableUnsignedForm_Is400WithOneWarningAndNoErrorLog(string path, string body)
    {
        using var client = _factory.CreateClient();
        using var content = Body(body);

        using var response = await client.PostAsync(path, content);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden, $"{body} on {path}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var entries = _logs.Entries;
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Error);
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Warning && e.Exception is not null);
        var warning = Assert.Single(entries, e => e.Level == LogLevel.Warning);
        Assert.StartsWith("CrmRecording.", warning.Category, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nested")]
    [InlineData("long-key")]
    [InlineData("not-json")]
    public async Task DataverseWebhook_HostileBodyWithTheRightKey_Is400AndNoErrorLog(string kind)
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/dataverse");
        request.Headers.Add("x-crr-webhook-key", Key);
        request.Content = new StringContent(
            kind switch
            {
                "nested" => new string('[', 5000) + new string(']', 5000),
                "long-key" => "{\"" + new string('k', 5000) + "\":1, \"MessageName\": 7}",
                _ => "\u0000\u0001 not json",
            },
            Encoding.UTF8,
            "application/json");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Error);
    }

    private static StringContent Body(string kind) => kind switch
    {
        "too-many-fields" => new StringContent(string.Join('&', Enumerable.Range(0, 1500).Select(i => $"f{i}=v")), Encoding.ASCII, "application/x-www-form-urlencoded"),
        "long-key" => new StringContent(new string('k', 5000) + "=v&CallSid=CA" + new string('a', 32), Encoding.ASCII, "application/x-www-form-urlencoded"),
        _ => Multipart(),
    };

    private static StringContent Multipart()
    {
        var content = new StringContent("--xyz\r\nContent-Disposition: form-data; name=\"CallSid\"\r\n\r\nCA0000", Encoding.ASCII);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
        return content;
    }
}
