using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Service.Tests;

/// <summary>The running service's own SQLite vault database (<c>Service:DataDirectory/vault.db</c>), reached through a connection of the test's own.</summary>
internal static class VaultDatabase
{
    /// <summary>Runs <paramref name="sql"/> (a trigger that makes a write fail for real, say) on the service's vault database.</summary>
    public static async Task ExecuteAsync(IServiceProvider services, string sql)
    {
        var data = services.GetRequiredService<IConfiguration>()["Service:DataDirectory"]!;
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "vault.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
