using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;

namespace CrmRecording.Cli.Tests.Vault;

/// <summary>The vault commands against Azurite (blob store) and PostgreSQL (metadata), chosen by environment as in production.</summary>
public sealed class RemoteStoresTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [RemoteStoresFact]
    public async Task ImportExportVerifyAndSweep_WorkOnAzuriteAndPostgres()
    {
        var server = Environment.GetEnvironmentVariable("CRMREC_TEST_POSTGRES")!;
        var database = "crmrec_cli_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var environment = new Dictionary<string, string>
        {
            ["Vault__BlobStore"] = "azure",
            ["Vault__Azure__ServiceUri"] = Environment.GetEnvironmentVariable("CRMREC_TEST_AZURITE_BLOB")!,
            ["Vault__Azure__Container"] = database.Replace('_', '-'),
            ["Vault__Azure__AccountName"] = "devstoreaccount1",
            ["Vault__Azure__AccountKey"] = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
            ["Vault__Metadata"] = "postgres",
            ["Vault__Postgres"] = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString,
            ["Vault__Retention__short"] = "0",
        };
        var data = Path.Combine(_dir.Path, "data");
        var audio = RandomNumberGenerator.GetBytes(300_000);
        var file = _dir.File("call.wav");
        await File.WriteAllBytesAsync(file, audio);

        var import = Crmrec.RunWith(environment, "recordings", "import", file, "--retention", "short", "--format", "json", "--data", data);
        Assert.True(import.ExitCode == 0, import.ToString());
        var id = JsonDocument.Parse(import.Out).RootElement.GetProperty("id").GetString()!;
        Assert.False(Directory.Exists(Path.Combine(data, "recordings")));

        var output = _dir.File("back.wav");
        Assert.Equal(0, Crmrec.RunWith(environment, "recordings", "export", id, "--out", output, "--data", data).ExitCode);
        Assert.Equal(audio, await File.ReadAllBytesAsync(output));
        Assert.Equal(0, Crmrec.RunWith(environment, "recordings", "verify", "--all", "--data", data).ExitCode);

        var sweep = Crmrec.RunWith(environment, "retention", "sweep", "--format", "json", "--data", data);
        Assert.True(sweep.ExitCode == 0, sweep.ToString());
        Assert.Equal([id], JsonDocument.Parse(sweep.Out).RootElement.GetProperty("deleted").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, Crmrec.RunWith(environment, "audit", "verify", "--data", data).ExitCode);
    }
}

/// <summary>Needs the Azurite and PostgreSQL that scripts/test.sh starts; skipped without them.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RemoteStoresFactAttribute : FactAttribute
{
    public RemoteStoresFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CRMREC_TEST_AZURITE_BLOB")) || string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CRMREC_TEST_POSTGRES")))
        {
            Skip = "CRMREC_TEST_AZURITE_BLOB and CRMREC_TEST_POSTGRES are not set: run scripts/test.sh, which starts Azurite and PostgreSQL.";
        }
    }
}
