using System.Net;
using System.Text.Json;
using CrmRecording.Service.Calls;
using CrmRecording.Vault.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Service.Tests;

public sealed class HostTests : IDisposable
{
    private readonly ServiceFactory _factory = new() { Crm = new CrmRecording.Testing.FakeCrm() };

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task HealthLive_Answers200()
    {
        var response = await _factory.CreateClient().GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task HealthReady_ReportsTheMigratedSchema()
    {
        var response = await _factory.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ready", body.GetProperty("status").GetString());
        var schema = await _factory.Services.GetRequiredService<CrmRecording.Vault.Metadata.IMetadataStore>().SchemaVersionAsync();
        Assert.True(schema >= 5, $"schema {schema}");
        Assert.Contains($"schema {schema}", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((0, 0), (body.GetProperty("deadJobs").GetInt32(), body.GetProperty("lostRecordings").GetInt32()));
    }

    [Fact]
    public async Task HealthReady_ADeadJobAndALostRecording_IsDegradedWithTheCounts()
    {
        var client = _factory.CreateClient();
        var outbox = _factory.Services.GetRequiredService<IOutbox>();
        var now = TimeProvider.System.GetUtcNow();
        await outbox.EnqueueAsync(new OutboxJob("job-1", "crm-consent-log", "k-1", "{}", now, 0, now));
        await outbox.DeadLetterAsync("job-1", "Gave up after 30 attempts", now);
        await _factory.Services.GetRequiredService<ICallStore>().AddAsync(Calls.CallRecords.New() with
        {
            EndedAt = now,
            Recordings = [new CallRecording("RE" + new string('a', 32), "lost", Problem: "Twilio no longer has it")],
        });

        var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("degraded", body.GetProperty("status").GetString());
        Assert.Equal((1, 1), (body.GetProperty("deadJobs").GetInt32(), body.GetProperty("lostRecordings").GetInt32()));
        Assert.Contains("crmrec outbox list --dead", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_DocumentListsTheEndpoints()
    {
        var json = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative))).RootElement;
        Assert.StartsWith("3.", json.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.True(json.GetProperty("paths").TryGetProperty("/health/ready", out _));
    }

    [Fact]
    public async Task OpenApi_SignedInOperationsDeclareTheBearerSchemeAndEveryRefusal()
    {
        var json = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative))).RootElement;
        var scheme = json.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal(("http", "bearer", "JWT"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString(), scheme.GetProperty("bearerFormat").GetString()));
        var paths = json.GetProperty("paths");

        foreach (var (path, method, codes) in new[]
        {
            ("/api/calls", "post", new[] { "401", "403", "503" }),
            ("/api/calls/{id}", "get", ["401", "403", "404", "503"]),
            ("/api/calls/{id}/hangup", "post", ["401", "403", "404", "503"]),
            ("/api/recordings/{id}", "get", ["401", "403", "404", "503"]),
            ("/api/recordings/{id}/audio", "get", ["401", "403", "404", "503"]),
        })
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.True(operation.GetProperty("security")[0].TryGetProperty("Bearer", out _), $"{method} {path} does not require the bearer scheme");
            var responses = operation.GetProperty("responses");
            Assert.All(codes, code => Assert.True(responses.TryGetProperty(code, out _), $"{method} {path} does not list {code}"));
        }

        Assert.False(paths.GetProperty("/health/live").GetProperty("get").TryGetProperty("security", out _));
        Assert.False(paths.GetProperty("/health/live").GetProperty("get").GetProperty("responses").TryGetProperty("401", out _));
    }

    [Fact]
    public async Task UnknownPath_IsAProblemDetails404()
    {
        var response = await _factory.CreateClient().GetAsync(new Uri("/nope", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void Start_RemoteModeWithoutWebhookKey_FailsNamingTheSetting()
    {
        using var factory = new ServiceFactory { Crm = new CrmRecording.Testing.FakeCrm() };
        factory.Settings["Dataverse:Mode"] = "remote";
        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Dataverse:WebhookKey", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_RealSalesforceOrgWithTheTwilioStandIn_IsRefused()
    {
        using var factory = new ServiceFactory();
        factory.Settings["Salesforce:Mode"] = "remote";

        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Salesforce:Mode is remote while Twilio is the sandbox stand-in", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_RealCrmWithTheTwilioStandIn_IsRefused()
    {
        using var factory = new ServiceFactory { Crm = new CrmRecording.Testing.FakeCrm() };
        factory.Settings["Dataverse:Mode"] = "remote";
        factory.Settings["Twilio:Mode"] = "sandbox";

        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Twilio:Mode is sandbox while Dataverse:Mode is remote", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_RemoteTwilioWithoutPublicUrlOrCallerId_FailsNamingBoth()
    {
        using var factory = new ServiceFactory { Crm = new CrmRecording.Testing.FakeCrm() };
        factory.Settings["Twilio:Mode"] = "remote";
        factory.Settings["Twilio:AccountSid"] = "AC0123456789abcdef0123456789abcdef";
        factory.Settings["Twilio:AuthToken"] = "0123456789abcdef0123456789abcdef";

        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Twilio:PublicBaseUrl is required", ex.ToString(), StringComparison.Ordinal);
        Assert.Contains("Twilio:CallerId is required", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_KeyVaultKeysWithoutTheKey_FailsNamingTheSettings()
    {
        using var factory = new ServiceFactory { Crm = new CrmRecording.Testing.FakeCrm() };
        factory.Settings["Vault:Keys"] = "azure-keyvault";

        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Vault:KeyVault:Uri and Vault:KeyVault:KeyName are required", ex.ToString(), StringComparison.Ordinal);
    }
}
