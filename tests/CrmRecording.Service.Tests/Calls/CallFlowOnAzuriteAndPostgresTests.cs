using System.Security.Cryptography;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Emulators.Twilio;
using CrmRecording.Service.Calls;
using CrmRecording.Vault.Blobs;
using CrmRecording.Vault.Blobs.Azure;
using CrmRecording.Vault.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Service.Tests.Calls;

/// <summary>
/// The recorded call on the production stores: audio encrypted into Azure Blob Storage (Azurite), metadata,
/// outbox and call state in PostgreSQL — the way several service instances would run.
/// </summary>
public sealed class CallFlowOnAzuriteAndPostgresTests : IAsyncLifetime
{
    // Azurite's well-known development account key (from its README), not a secret.
    private const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly string? _azurite = Environment.GetEnvironmentVariable("CRMREC_TEST_AZURITE_BLOB");
    private readonly string _container = "calls" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
    private PostgresTestDatabase? _database;
    private SandboxCall? _sandbox;

    public async Task InitializeAsync()
    {
        if (string.IsNullOrEmpty(_azurite) || PostgresTestDatabase.ServerConnectionString is null)
        {
            return;
        }

        _database = await PostgresTestDatabase.CreateAsync("crmrec_calls_e2e");
        _sandbox = new SandboxCall(factory =>
        {
            factory.Settings["Vault:Metadata"] = "postgres";
            factory.Settings["Vault:Postgres"] = _database!.ConnectionString;
            factory.Settings["Vault:BlobStore"] = "azure";
            factory.Settings["Vault:Azure:ServiceUri"] = _azurite;
            factory.Settings["Vault:Azure:AccountName"] = "devstoreaccount1";
            factory.Settings["Vault:Azure:AccountKey"] = AzuriteKey;
            factory.Settings["Vault:Azure:Container"] = _container;
        });
    }

    public async Task DisposeAsync()
    {
        _sandbox?.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [AzuriteAndPostgresFact]
    public async Task ConsentedCall_IsEncryptedIntoTheBlobStore_WithStateInPostgres()
    {
        var sandbox = _sandbox!;
        Assert.IsType<AzureBlobStore>(sandbox.Factory.Services.GetRequiredService<IBlobStore>());
        Assert.IsType<PostgresMetadataStore>(sandbox.Factory.Services.GetRequiredService<IMetadataStore>());
        sandbox.Twilio.Options.Callees["+14155550101"] = new CalleeScript(CalleeBehavior.PressesOne);

        var placed = await sandbox.PlaceAsync(SeedData.Contacts.CaliforniaMobile);
        var call = await sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.Status == "in-progress"), "recording started");
        await Task.Delay(1100);
        await sandbox.Twilio.HangUpAsync(call.CustomerCallSid!);
        call = await sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.WrittenToCrm), "ingested and linked");

        var entry = Assert.Single(call.Recordings);
        var plaintext = sandbox.Twilio.RenderExpectedWav(entry.RecordingSid);
        var record = await sandbox.Factory.Services.GetRequiredService<CrmRecording.Vault.Recordings.RecordingVault>().GetAsync(CrmRecording.Vault.Recordings.RecordingId.Parse(entry.VaultId!));
        var blob = await ReadBlobAsync(record.BlobName);
        Assert.True(blob.Length > plaintext.Length, "the stored blob carries a header and a tag per chunk");
        Assert.Equal(-1, blob.AsSpan().IndexOf("RIFF"u8));
        Assert.Equal(-1, blob.AsSpan().IndexOf(plaintext.AsSpan(44, 64)));
        var stored = await sandbox.Factory.Services.GetRequiredService<ICallStore>().GetAsync(call.Id);
        Assert.IsType<SqlCallStore>(Assert.IsType<CrmRecording.Service.Calls.Live.ObservedCallStore>(sandbox.Factory.Services.GetRequiredService<ICallStore>()).Inner);
        Assert.True(stored!.Recordings[0].WrittenToCrm);
    }

    /// <summary>The stored bytes as the blob store holds them (what a backup of the account would copy).</summary>
    private async Task<byte[]> ReadBlobAsync(string name)
    {
        var blobs = _sandbox!.Factory.Services.GetRequiredService<IBlobStore>();
        var bytes = new byte[await blobs.GetLengthAsync(name)];
        var read = 0;
        while (read < bytes.Length)
        {
            read += await blobs.ReadAsync(name, read, bytes.AsMemory(read));
        }

        return bytes;
    }
}

/// <summary>Needs the Azurite and PostgreSQL that scripts/test.sh starts; skipped without them.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AzuriteAndPostgresFactAttribute : FactAttribute
{
    public AzuriteAndPostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CRMREC_TEST_AZURITE_BLOB")) || string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CRMREC_TEST_POSTGRES")))
        {
            Skip = "CRMREC_TEST_AZURITE_BLOB and CRMREC_TEST_POSTGRES are not set: run scripts/test.sh, which starts Azurite and PostgreSQL.";
        }
    }
}
