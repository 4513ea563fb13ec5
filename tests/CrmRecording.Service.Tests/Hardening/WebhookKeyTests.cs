using System.Net;
using System.Text;
using CrmRecording.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmRecording.Service.Tests.Hardening;

/// <summary>The Dataverse webhook key: where it may be presented, and that it never reaches a log.</summary>
public sealed class WebhookKeyTests : IDisposable
{
    private const string Key = "webhook-key-that-must-never-be-logged-0123";
    private readonly CapturedLogs _logs = new();
    private readonly ServiceFactory _factory;

    public WebhookKeyTests()
    {
        _factory = new ServiceFactory { Crm = new FakeCrm(), Overrides = s => s.AddSingleton<ILoggerProvider>(_logs) };
        _factory.Settings["Dataverse:WebhookKey"] = Key;
        foreach (var (key, value) in CapturedLogs.TraceSettings)
        {
            _factory.Settings[key] = value;
        }
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Post_EmptyCodeInTheQuery_DoesNotOverrideTheRightHeaderKey()
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/dataverse?code=") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Add("x-crr-webhook-key", Key);

        using var response = await client.SendAsync(request);

        // Past the key check: the body is then judged (and is not an execution context).
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("execution context", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_KeyInTheQueryString_IsInNoLogAtAnyLevel_RightOrWrong()
    {
        const string wrong = "a-wrong-key-someone-tried-9876543210";
        _factory.UseKestrel(0);
        _factory.StartServer();
        using var client = _factory.CreateClient();

        foreach (var code in new[] { Key, wrong })
        {
            using var response = await client.PostAsync($"/webhooks/dataverse?x=1&code={code}&y=2", new StringContent("{}", Encoding.UTF8, "application/json"));
            Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        }

        var entries = _logs.Entries;
        Assert.Contains(entries, e => e.Mentions("/webhooks/dataverse"));
        Assert.DoesNotContain(entries, e => e.Mentions(Key));
        Assert.DoesNotContain(entries, e => e.Mentions(wrong));
    }
}
