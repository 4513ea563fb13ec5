using System.Security.Cryptography;
using Npgsql;

namespace CrmRecording.Service.Tests;

/// <summary>A throw-away database on the PostgreSQL that scripts/test.sh starts, dropped (with its connections) on dispose.</summary>
internal sealed class PostgresTestDatabase : IAsyncDisposable
{
    private PostgresTestDatabase(string server, string name)
    {
        Server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>The server's connection string from <c>CRMREC_TEST_POSTGRES</c>, or null when none was started.</summary>
    public static string? ServerConnectionString => Environment.GetEnvironmentVariable("CRMREC_TEST_POSTGRES") is { Length: > 0 } s ? s : null;

    public string Server { get; }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <returns>Null when no PostgreSQL was started (the tests using it are skipped).</returns>
    public static async Task<PostgresTestDatabase?> CreateAsync(string prefix)
    {
        if (ServerConnectionString is not { } server)
        {
            return null;
        }

        var database = new PostgresTestDatabase(server, $"{prefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}");
        await database.ExecuteAsync($"CREATE DATABASE {database.Name}");
        return database;
    }

    public ValueTask DisposeAsync() => new(ExecuteAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)"));

    private async Task ExecuteAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(Server);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}
