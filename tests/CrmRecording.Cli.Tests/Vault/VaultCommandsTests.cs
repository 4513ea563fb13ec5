using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace CrmRecording.Cli.Tests.Vault;

public sealed class VaultCommandsTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _data;

    public VaultCommandsTests()
    {
        _data = Path.Combine(_dir.Path, "data");
    }

    public void Dispose() => _dir.Dispose();

    private Crmrec.Result Run(params string[] args) => Crmrec.Run([.. args, "--data", _data]);

    private (string Id, byte[] Audio) Import(int bytes = 200_000, params string[] extra)
    {
        var audio = RandomNumberGenerator.GetBytes(bytes);
        var file = _dir.File($"call-{Guid.NewGuid():N}.wav");
        File.WriteAllBytes(file, audio);
        var r = Run(["recordings", "import", file, "--contact", "contact-7", "--call", "CA42", "--format", "json", .. extra]);
        Assert.True(r.ExitCode == 0, r.ToString());
        var json = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(bytes, json.GetProperty("bytes").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(audio)), json.GetProperty("sha256").GetString());
        return (json.GetProperty("id").GetString()!, audio);
    }

    private string BlobPath(string id) => Path.Combine(_data, "recordings", id);

    [Fact]
    public void ImportExport_WholeAndRange_GiveBackTheAudio()
    {
        var (id, audio) = Import();
        var whole = _dir.File("whole.wav");
        Assert.Equal(0, Run("recordings", "export", id, "--out", whole).ExitCode);
        Assert.Equal(audio, File.ReadAllBytes(whole));

        var part = _dir.File("part.wav");
        var r = Run("recordings", "export", id, "--out", part, "--range", "65530-131080");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(audio[65530..131081], File.ReadAllBytes(part));
    }

    [Fact]
    public void Import_StoresNoPlaintextUnderTheDataDirectory()
    {
        var (_, audio) = Import(100_000);
        foreach (var file in Directory.EnumerateFiles(_data, "*", SearchOption.AllDirectories))
        {
            Assert.Equal(-1, File.ReadAllBytes(file).AsSpan().IndexOf(audio.AsSpan(5000, 64)));
        }
    }

    [Fact]
    public void List_ShowsTheRecording()
    {
        var (id, _) = Import(1000);
        var r = Run("recordings", "list", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        var row = Assert.Single(JsonDocument.Parse(r.Out).RootElement.EnumerateArray());
        Assert.Equal(id, row.GetProperty("id").GetString());
        Assert.Equal("contact-7", row.GetProperty("contact").GetString());
        Assert.Equal("sales", row.GetProperty("retention").GetString());
    }

    [Fact]
    public void Verify_DamagedRecording_ExitsOneNamingItAndTheChunk_AndExportLeavesNoFile()
    {
        var (good, _) = Import(10_000);
        var (bad, _) = Import(200_000);
        var bytes = File.ReadAllBytes(BlobPath(bad));
        bytes[^30_000] ^= 0x10;
        File.WriteAllBytes(BlobPath(bad), bytes);

        var verify = Run("recordings", "verify", "--all");
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains($"recording {bad} is damaged (first bad chunk 2)", verify.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(good, verify.Error, StringComparison.Ordinal);
        Assert.Equal(0, Run("recordings", "verify", good).ExitCode);

        var target = _dir.File("out.wav");
        var export = Run("recordings", "export", bad, "--out", target);
        Assert.Equal(1, export.ExitCode);
        Assert.Contains("damaged", export.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
        Assert.False(File.Exists(target + ".partial"));
    }

    [Fact]
    public void KeyFileReadableByOthers_IsRefusedWithTheFix()
    {
        Import(10);
        var keyFile = Path.Combine(_dir.Path, "data-keys", "keyring.json");
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var r = Run("recordings", "list");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("chmod 600", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyFile_IsKeptOutsideTheDataDirectory_InAnOwnerOnlyDirectory()
    {
        Import(10);
        Assert.Empty(Directory.EnumerateFiles(_data, "*.json", SearchOption.AllDirectories));
        Assert.True(File.Exists(Path.Combine(_dir.Path, "data-keys", "keyring.json")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(_dir.Path, "data-keys")));
    }

    [Fact]
    public void KeyFileLeftInsideTheDataByAnEarlierVersion_IsMovedOutOnce_AndEveryRecordingStillDecrypts()
    {
        var (id, audio) = Import(5000);
        Directory.CreateDirectory(Path.Combine(_data, "keys"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.Move(Path.Combine(_dir.Path, "data-keys", "keyring.json"), Path.Combine(_data, "keys", "keyring.json"));

        var out1 = _dir.File("out1.wav");
        var first = Run("recordings", "export", id, "--out", out1);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("moved out of the data directory", first.Error, StringComparison.Ordinal);
        Assert.Equal(audio, File.ReadAllBytes(out1));
        Assert.False(Directory.Exists(Path.Combine(_data, "keys")));

        var second = Run("recordings", "export", id, "--out", _dir.File("out2.wav"));
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.DoesNotContain("moved", second.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingKeyFile_ExportFailsClearly()
    {
        var (id, _) = Import(1000);
        File.Delete(Path.Combine(_dir.Path, "data-keys", "keyring.json"));
        var r = Run("recordings", "export", id, "--out", _dir.File("x.wav"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("key", r.Error, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(_dir.File("x.wav")));
    }

    [Fact]
    public void HoldEraseAndAudit_WorkTogether()
    {
        var (held, _) = Import(100);
        var (free, _) = Import(100);
        Assert.Equal(0, Run("hold", "add", held, "--reason", "matter 17").ExitCode);
        var erase = Run("erase", "--contact", "contact-7", "--format", "json");
        Assert.Equal(0, erase.ExitCode);
        var report = JsonDocument.Parse(erase.Out).RootElement;
        Assert.Equal([free], report.GetProperty("deleted").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("matter 17", report.GetProperty("kept")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(File.Exists(BlobPath(free)));

        Assert.Equal(0, Run("hold", "remove", held).ExitCode);
        Assert.Equal(0, Run("erase", "--contact", "contact-7").ExitCode);
        var audit = Run("audit", "verify");
        Assert.True(audit.ExitCode == 0, audit.ToString());
        Assert.Contains("intact: 7 events", audit.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void AuditVerify_TamperedEvent_NamesIt()
    {
        Import(100);
        Import(100);
        Import(100);
        using (var db = new SqliteConnection($"Data Source={Path.Combine(_data, "vault.db")};Pooling=false"))
        {
            db.Open();
            using var tamper = db.CreateCommand();
            tamper.CommandText = "UPDATE audit_events SET actor = 'someone-else' WHERE seq = 2;";
            tamper.ExecuteNonQuery();
        }

        var r = Run("audit", "verify");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("broken at event 2", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void RetentionSweep_DryRunThenReal_DeletesOnlyExpired()
    {
        var (expired, _) = Import(100, "--retention", "declined-consent");
        var (kept, _) = Import(100);
        var dry = Run("retention", "sweep", "--dry-run", "--format", "json");
        Assert.Equal(0, dry.ExitCode);
        Assert.Equal([expired], JsonDocument.Parse(dry.Out).RootElement.GetProperty("deleted").EnumerateArray().Select(e => e.GetString()));
        Assert.True(File.Exists(BlobPath(expired)));

        Assert.Equal(0, Run("retention", "sweep").ExitCode);
        Assert.False(File.Exists(BlobPath(expired)));
        Assert.True(File.Exists(BlobPath(kept)));
        var later = Run("retention", "sweep", "--as-of", TimeProvider.System.GetUtcNow().AddYears(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "--dry-run");
        Assert.Contains(kept, later.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void KeysRotate_RewrapsWithoutTouchingAudio_AndRetiresTheOldKey()
    {
        var (id, audio) = Import(50_000);
        var blobBefore = File.ReadAllBytes(BlobPath(id));
        var rotate = Run("keys", "rotate");
        Assert.True(rotate.ExitCode == 0, rotate.ToString());
        Assert.Contains("re-wrapped 1 data keys", rotate.Out, StringComparison.Ordinal);
        Assert.Equal(blobBefore, File.ReadAllBytes(BlobPath(id)));
        var list = Run("keys", "list");
        Assert.Contains("retired", list.Out, StringComparison.Ordinal);
        var output = _dir.File("after.wav");
        Assert.Equal(0, Run("recordings", "export", id, "--out", output).ExitCode);
        Assert.Equal(audio, File.ReadAllBytes(output));
    }

    [Theory]
    [InlineData("recordings", "export", "not-an-id", "--out", "x")]
    [InlineData("recordings", "export", "00000000000000000000000000000000", "--out", "x")]
    [InlineData("recordings", "import", "/nonexistent.wav")]
    [InlineData("recordings", "verify")]
    [InlineData("hold", "add", "00000000000000000000000000000000", "--reason", "x")]
    public void BadInput_ExitsTwoWithAMessage(params string[] args)
    {
        var r = Run(args);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.False(string.IsNullOrWhiteSpace(r.Error));
    }

    [Fact]
    public void Import_UnknownRetentionClass_ExitsTwoListingTheClasses()
    {
        var file = _dir.File("a.wav", "abc");
        var r = Run("recordings", "import", file, "--retention", "forever");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("sales", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_RangePastTheEnd_ExitsTwo()
    {
        var (id, _) = Import(1000);
        var r = Run("recordings", "export", id, "--out", _dir.File("x.wav"), "--range", "500-5000");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("1000 bytes", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_KilledMidway_LeavesNoRecordingVisible_AndReimportWorks()
    {
        Import(10); // creates the vault, so the killed run only has the import left to do
        var fifo = _dir.File("live-call.wav");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo))
        {
            await mkfifo.WaitForExitAsync();
        }

        using var importing = Crmrec.Start("recordings", "import", fifo, "--contact", "killed", "--data", _data);
        await using (var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write))
        {
            await writer.WriteAsync(RandomNumberGenerator.GetBytes(300_000));
            await writer.FlushAsync();
            await Task.Delay(500);
            importing.Kill(entireProcessTree: true);
            await importing.WaitForExitAsync();
        }

        var list = Run("recordings", "list", "--contact", "killed", "--format", "json");
        Assert.Empty(JsonDocument.Parse(list.Out).RootElement.EnumerateArray());
        Assert.All(Directory.GetFiles(Path.Combine(_data, "recordings")), f =>
            Assert.True(f.EndsWith(".partial", StringComparison.Ordinal) || File.Exists(f) && Run("recordings", "verify", Path.GetFileName(f)).ExitCode == 0, f));

        var (id, audio) = Import(300_000);
        var output = _dir.File("again.wav");
        Assert.Equal(0, Run("recordings", "export", id, "--out", output).ExitCode);
        Assert.Equal(audio, File.ReadAllBytes(output));
    }
}
