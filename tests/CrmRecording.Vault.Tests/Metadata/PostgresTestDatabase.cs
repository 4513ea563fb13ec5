namespace CrmRecording.Vault.Tests.Metadata;

/// <summary>A fresh database on the test server for one test, dropped (with its open connections) afterwards.</summary>
internal sealed class PostgresTestDatabase : IAsyncDisposable
{
    private readonly string _name;

    private PostgresTestDatabase(string name, string connectionString)
    {
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var name = "crmrec_" + Guid.NewGuid().ToString("N");
        await PostgresTestServer.ExecuteAsync($"CREATE DATABASE {name};");
        return new PostgresTestDatabase(name, PostgresTestServer.ConnectionStringFor(name));
    }

    public async ValueTask DisposeAsync() => await PostgresTestServer.ExecuteAsync($"DROP DATABASE IF EXISTS {_name} WITH (FORCE);");
}
