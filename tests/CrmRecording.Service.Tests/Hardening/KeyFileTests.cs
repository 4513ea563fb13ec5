using CrmRecording.Vault.Keys;

namespace CrmRecording.Service.Tests.Hardening;

/// <summary>The key-encryption key is never beside the data it decrypts, nor open to other users.</summary>
public sealed class KeyFileTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _root = Directory.CreateTempSubdirectory("crmrec-keys-").FullName;

    private string Data => Path.Combine(_root, "data");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Start_KeyDirectoryOpenToOthers_RefusesToStartWithOneLineSayingHowToFixIt()
    {
        var keys = Path.Combine(_root, "data-keys");
        LocalKeyRing.OpenOrCreate(Path.Combine(keys, "keyring.json"), Now);
        File.SetUnixFileMode(keys, (UnixFileMode)Convert.ToInt32("755", 8));

        using var service = ServiceProcess.Start(new Dictionary<string, string> { ["Service:DataDirectory"] = Data });

        Assert.Equal(1, await service.ExitAsync());
        var line = Assert.Single(service.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"chmod 700 {keys}", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", service.Out + service.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_KeyFileAnEarlierVersionLeftInsideTheData_IsMovedOutAndTheServiceStarts()
    {
        var legacy = LocalKeyRing.OpenOrCreate(KeyFileLocation.Legacy(Data), Now);
        var configured = Path.Combine(_root, "secrets", "kek.json");

        using var service = ServiceProcess.Start(new Dictionary<string, string> { ["Service:DataDirectory"] = Data, ["Vault:KeyFile"] = configured });
        var address = await service.ListeningAsync();
        using var http = new HttpClient { BaseAddress = address };
        Assert.True((await http.GetAsync("/health/ready")).IsSuccessStatusCode);

        Assert.False(File.Exists(KeyFileLocation.Legacy(Data)));
        Assert.Equal(legacy.CurrentKeyId, LocalKeyRing.OpenOrCreate(configured, Now).CurrentKeyId);
        Assert.Contains("moved out of the data directory", service.Out, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(Data, "*.json", SearchOption.AllDirectories));
    }
}
