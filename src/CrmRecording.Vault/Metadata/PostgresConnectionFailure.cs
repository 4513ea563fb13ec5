using Npgsql;

namespace CrmRecording.Vault.Metadata;

/// <summary>Tells a failure of the connection (worth one retry on a fresh one) from a failure of the statement.</summary>
internal static class PostgresConnectionFailure
{
    /// <summary>
    /// True for a broken or refused connection: an I/O, socket or timeout failure on the client side, a server that is
    /// shutting down or starting (57P01 admin_shutdown after a restart, 57P02, 57P03) or any connection exception (class 08).
    /// False for everything the statement itself caused (constraint violations, missing rows, serialization failures).
    /// </summary>
    public static bool Is(Exception exception) => exception switch
    {
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal)
            || p.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow,
        NpgsqlException n => n.IsTransient,
        _ => false,
    };
}
