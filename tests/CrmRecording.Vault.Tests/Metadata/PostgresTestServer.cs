using System.Diagnostics;
using Npgsql;

namespace CrmRecording.Vault.Tests.Metadata;

/// <summary>The throw-away PostgreSQL server that scripts/services.sh starts for the tests.</summary>
internal static class PostgresTestServer
{
    private const string ServerVariable = "CRMREC_TEST_POSTGRES";
    private const string ControlVariable = "CRMREC_TEST_POSTGRES_CTL";

    /// <summary>The server's connection string, unpooled so that a restart leaves no dead connection behind.</summary>
    public static string AdminConnectionString() =>
        new NpgsqlConnectionStringBuilder(Required(ServerVariable)) { Pooling = false }.ConnectionString;

    /// <summary>The server's connection string (pooled as configured) for one database on it.</summary>
    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(Required(ServerVariable)) { Database = database }.ConnectionString;

    public static async Task ExecuteAsync(string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Restarts the server with <c>pg_ctl restart -m fast</c>, which ends every open connection, and waits until it accepts
    /// connections again. pg_ctl refuses to run as root, so under root it runs as the postgres user.
    /// </summary>
    public static async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        var control = Required(ControlVariable);
        string log;
        await using (var connection = new NpgsqlConnection(AdminConnectionString()))
        {
            await connection.OpenAsync(cancellationToken);
            await using var show = new NpgsqlCommand("SHOW data_directory;", connection);
            log = Path.Combine((string)(await show.ExecuteScalarAsync(cancellationToken))!, "server.log");
        }

        // -l: without it the new postmaster would inherit, and hold open, the pipes this process reads pg_ctl's output from.
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Environment.UserName == "root")
        {
            start.FileName = "runuser";
            foreach (var argument in new[] { "-u", "postgres", "--", "/bin/sh" })
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = "/bin/sh";
        }

        foreach (var argument in new[] { "-c", control + " restart -w -t 60 -m fast -l \"$1\"", "sh", log })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_ctl restart exited with {process.ExitCode}: {await output}{await error}");
        }
    }

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set: run scripts/test.sh, which starts PostgreSQL");
}
