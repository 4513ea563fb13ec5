using System.CommandLine;
using Microsoft.Data.Sqlite;

namespace CrmRecording.Cli.Doctor;

/// <summary>
/// <c>crmrec doctor</c>: checks every SQLite store under the data directory (the vault's metadata and the
/// service's call state) with SQLite's own <c>PRAGMA integrity_check</c>, read-only, and says which is damaged
/// and what to do. Exit 0 when all are sound, 1 when any is not.
/// </summary>
internal static class DoctorCommand
{
    /// <summary>The SQLite files the vault and the service keep under their data directory.</summary>
    public static readonly string[] StoreFiles = ["vault.db", "calls.db"];

    public static Command Create()
    {
        var data = Vault.VaultOptions.Data();
        var command = new Command("doctor", "Checks the integrity of each SQLite store under the data directory (vault.db, calls.db); exit 1 names a damaged one.") { data };
        command.SetAction(parse => Run(parse.GetValue(data)!, Console.Out));
        return command;
    }

    private static int Run(DirectoryInfo data, TextWriter output)
    {
        var found = StoreFiles.Select(f => Path.Combine(data.FullName, f)).Where(File.Exists).ToList();
        if (found.Count == 0)
        {
            output.WriteLine($"No SQLite store under {data.FullName} (PostgreSQL stores are checked by PostgreSQL's own tools).");
            return CrmrecApp.Ok;
        }

        var damaged = 0;
        foreach (var file in found)
        {
            var problems = Check(file);
            if (problems.Count == 0)
            {
                output.WriteLine($"{file}: ok");
                continue;
            }

            damaged++;
            output.WriteLine($"{file}: damaged — {string.Join("; ", problems.Take(5))}{(problems.Count > 5 ? $" (and {problems.Count - 5} more)" : string.Empty)}");
        }

        if (damaged > 0)
        {
            output.WriteLine("Stop the service, restore each damaged file from your latest backup (with its -wal file, if any), then run crmrec doctor again.");
        }

        return damaged == 0 ? CrmrecApp.Ok : CrmrecApp.Failed;
    }

    /// <returns>SQLite's list of problems; empty when the file is sound.</returns>
    internal static IReadOnlyList<string> Check(string file)
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check;";
            using var reader = command.ExecuteReader();
            var lines = new List<string>();
            while (reader.Read())
            {
                lines.Add(reader.GetString(0));
            }

            return lines is ["ok"] ? [] : lines;
        }
        catch (SqliteException ex)
        {
            return [ex.Message];
        }
    }
}
