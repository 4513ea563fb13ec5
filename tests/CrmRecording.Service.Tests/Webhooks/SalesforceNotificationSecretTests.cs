using System.Net;
using System.Text.Json;
using CrmRecording.Emulators.Salesforce.Seed;
using CrmRecording.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static CrmRecording.Service.Tests.Webhooks.SalesforceEnvelopes;

namespace CrmRecording.Service.Tests.Webhooks;

/// <summary>The Salesforce notification secret travels in the endpoint's path: it reaches no log, and the endpoint is documented.</summary>
public sealed class SalesforceNotificationSecretTests : IDisposable
{
    private const string Secret = "sf-secret-that-must-never-be-logged-0123";
    private readonly CapturedLogs _logs = new();
    private readonly ServiceFactory _factory;

    public SalesforceNotificationSecretTests()
    {
        _factory = new ServiceFactory { Crm = new FakeCrm(), Overrides = s => s.AddSingleton<ILoggerProvider>(_logs) };
        _factory.Settings["Salesforce:NotificationSecret"] = Secret;
        foreach (var (key, value) in CapturedLogs.TraceSettings)
        {
            _factory.Settings[key] = value;
        }
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Post_SecretInThePath_IsInNoLogAtAnyLevel_RightOrWrong()
    {
        const string wrong = "a-wrong-secret-someone-tried-9876543210";
        _factory.UseKestrel(0);
        _factory.StartServer();
        using var client = _factory.CreateClient();
        var message = Message(Contact("04lSd0000000301AAA", SalesforceSeed.Contacts.CaliforniaMobile, DateTimeOffset.UnixEpoch.AddYears(56), "+1 415 555 0101", "CA"));

        var statuses = new List<HttpStatusCode>();
        foreach (var secret in new[] { Secret, wrong })
        {
            using var response = await client.PostAsync($"/webhooks/salesforce/{secret}", Content(message));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Forbidden], statuses);
        var entries = _logs.Entries;
        Assert.Contains(entries, e => e.Mentions("/webhooks/salesforce/"));
        Assert.DoesNotContain(entries, e => e.Mentions(Secret));
        Assert.DoesNotContain(entries, e => e.Mentions(wrong));
    }

    [Fact]
    public async Task OpenApi_DescribesTheNotificationEndpointAsSoapWithoutABearer()
    {
        var json = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative))).RootElement;

        var operation = json.GetProperty("paths").GetProperty("/webhooks/salesforce/{secret}").GetProperty("post");
        Assert.False(operation.TryGetProperty("security", out _));
        Assert.True(operation.GetProperty("requestBody").GetProperty("content").TryGetProperty("text/xml", out _));
        var responses = operation.GetProperty("responses");
        Assert.All(["200", "400", "403", "413", "503"], code => Assert.True(responses.GetProperty(code).GetProperty("content").TryGetProperty("text/xml", out _), code));
    }
}
