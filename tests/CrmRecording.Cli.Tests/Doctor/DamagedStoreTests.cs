using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace CrmRecording.Cli.Tests.Doctor;

/// <summary>A metadata database with one flipped byte: a clear message naming the file and what to do, and <c>crmrec doctor</c>.</summary>
public sealed class DamagedStoreTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _data;
    private readonly string _database;

    public DamagedStoreTests()
    {
        _data = Path.Combine(_dir.Path, "data");
        _database = Path.Combine(_data, "vault.db");
        var file = _dir.File("call.wav");
        File.WriteAllBytes(file, RandomNumberGenerator.GetBytes(50_000));
        var import = Crmrec.Run("recordings", "import", file, "--contact", "contact-7", "--data", _data);
        Assert.True(import.ExitCode == 0, import.ToString());
        Checkpoint(_database);
    }

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("header")]
    [InlineData("b-tree page")]
    public void RecordingsList_DamagedDatabase_Exits1NamingTheFileAndWhatToDo(string where)
    {
        Damage(where);

        var result = Crmrec.Run("recordings", "list", "--data", _data);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(_database, result.Error, StringComparison.Ordinal);
        Assert.Contains("backup", result.Error, StringComparison.Ordinal);
        Assert.Contains("crmrec doctor", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Doctor_HealthyStores_Exits0AndSaysOk()
    {
        var result = Crmrec.Run("doctor", "--data", _data);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"{_database}: ok", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("header")]
    [InlineData("b-tree page")]
    public void Doctor_DamagedDatabase_Exits1NamingIt(string where)
    {
        Damage(where);

        var result = Crmrec.Run("doctor", "--data", _data);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"{_database}: damaged", result.Out, StringComparison.Ordinal);
        Assert.Contains("backup", result.Out, StringComparison.Ordinal);
    }

    /// <summary>Flips one byte: the file header's magic string, or the page type of the recordings table's root page.</summary>
    private void Damage(string where)
    {
        long offset;
        if (where == "header")
        {
            offset = 0;
        }
        else
        {
            using (var connection = new SqliteConnection($"Data Source={_database};Pooling=False"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT (SELECT rootpage FROM sqlite_master WHERE name = 'recordings'), (SELECT page_size FROM pragma_page_size());";
                using var reader = command.ExecuteReader();
                reader.Read();
                offset = (reader.GetInt64(0) - 1) * reader.GetInt64(1);
            }
        }

        using var stream = new FileStream(_database, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = offset;
        var b = stream.ReadByte();
        stream.Position = offset;
        stream.WriteByte((byte)(b ^ 0xFF));
    }

    /// <summary>Moves everything from the write-ahead log into the database file, so the damage lands on real pages.</summary>
    private static void Checkpoint(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        command.ExecuteNonQuery();
    }
}
