using System.Net;
using System.Text;
using CrmRecording.Service.Outbox;
using CrmRecording.Testing;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Service.Tests.Webhooks;

/// <summary>The service over PostgreSQL (Vault:Metadata=postgres), as several instances behind a load balancer would run.</summary>
public sealed class PostgresServiceTests : IAsyncLifetime
{
    private const string Key = "test-webhook-key-0123456789abcdef";
    private readonly FakeCrm _crm = new();
    private PostgresTestDatabase? _database;
    private ServiceFactory? _factory;

    public async Task InitializeAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync("crmrec_service");
        if (_database is null)
        {
            return;
        }

        _factory = new ServiceFactory { Crm = _crm };
        _factory.Settings["Dataverse:WebhookKey"] = Key;
        _factory.Settings["Vault:Metadata"] = "postgres";
        _factory.Settings["Vault:Postgres"] = _database.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        _factory?.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [PostgresFact]
    public async Task AsyncStep_IsQueuedInPostgresAndRunByTheWorker()
    {
        var factory = _factory!;
        Assert.IsType<PostgresMetadataStore>(factory.Services.GetRequiredService<IMetadataStore>());
        var contact = Guid.NewGuid();
        _crm.Contacts[contact] = FakeCrm.Contact(contact, phone: "+1 702 555 0100", state: "TX");
        var body = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Webhooks", "contact-create.json"))).Replace("{ID}", contact.ToString(), StringComparison.Ordinal);
        var response = await factory.CreateClient().PostAsync(new Uri($"/webhooks/dataverse?code={Key}", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, await factory.Services.GetRequiredService<IOutbox>().PendingAsync());
        Assert.Equal(1, await factory.Services.GetRequiredService<OutboxWorker>().RunOnceAsync(CancellationToken.None));
        Assert.Equal("record-after-consent", Assert.Single(_crm.Enrichments).Enrichment.Decision);
    }
}

/// <summary>Needs the PostgreSQL that scripts/test.sh starts; skipped without it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CRMREC_TEST_POSTGRES")))
        {
            Skip = "CRMREC_TEST_POSTGRES is not set: run scripts/test.sh, which starts PostgreSQL.";
        }
    }
}
