using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Sas;

namespace CrmRecording.Cli.Tests.Vault;

/// <summary>
/// crmrec on Azure Blob Storage by a real shared access signature (<c>Vault__Azure__SasToken</c>), made on Azurite as an
/// administrator makes one for a container: what the SAS allows works, what it does not (a write on a read-only SAS, any
/// use after its expiry) fails naming the setting, and the signature is never echoed.
/// </summary>
public sealed class SasOnAzuriteTests : IDisposable
{
    /// <summary>Azurite's well-known development account key (Azurite README): a public constant that opens local emulators only.</summary>
    private static readonly StorageSharedKeyCredential Account = new("devstoreaccount1", "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==");

    private readonly TempDir _dir = new();
    private readonly string _container = "sas-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
    private readonly byte[] _audio = RandomNumberGenerator.GetBytes(300_000);

    public void Dispose() => _dir.Dispose();

    private BlobContainerClient Owner => new(new Uri($"{AzuriteFactAttribute.Endpoint.AbsoluteUri.TrimEnd('/')}/{_container}"), Account);

    private string Data => Path.Combine(_dir.Path, "data");

    [AzuriteFact]
    public async Task ImportAndExport_ContainerSasAllowingThem_RoundTripAndTheSasFetchesOnlyCiphertext()
    {
        await Owner.CreateAsync();
        var sas = Sas(BlobContainerSasPermissions.All, TimeSpan.FromHours(1));

        var id = Import(sas);
        Assert.Equal(_audio, Export(sas, id));

        // The stored blob as the SAS hands it out over plain HTTP: the bytes in the container, none of them audio.
        var name = Assert.Single(await BlobNamesAsync());
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri($"{Owner.Uri.AbsoluteUri}/{name}?{sas}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fetched = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal((await Owner.GetBlobClient(name).DownloadContentAsync()).Value.Content.ToArray(), fetched);
        Assert.True(fetched.AsSpan().IndexOf(_audio.AsSpan(1000, 64)) < 0, "the blob holds ciphertext, not the audio");
    }

    [AzuriteFact]
    public async Task Import_ReadOnlySas_IsRefusedNamingTheSasWhileExportStillReads()
    {
        await Owner.CreateAsync();
        var id = Import(Sas(BlobContainerSasPermissions.All, TimeSpan.FromHours(1)));
        var readOnly = Sas(BlobContainerSasPermissions.Read | BlobContainerSasPermissions.List, TimeSpan.FromHours(1));
        var file = _dir.File("another.wav");
        await File.WriteAllBytesAsync(file, _audio);

        var refused = Crmrec.RunWith(Settings(readOnly), "recordings", "import", file, "--format", "json", "--data", Data);

        Assert.True(refused.ExitCode != 0, refused.ToString());
        Assert.Contains("HTTP 403 AuthorizationPermissionMismatch", refused.Error, StringComparison.Ordinal);
        Assert.Contains("Check that SasToken", refused.Error, StringComparison.Ordinal);
        AssertSignatureNotShown(readOnly, refused);
        Assert.Single(await BlobNamesAsync());
        Assert.Equal(_audio, Export(readOnly, id));
    }

    [AzuriteFact]
    public async Task Export_ExpiredSas_IsRefusedNamingTheSas()
    {
        await Owner.CreateAsync();
        var id = Import(Sas(BlobContainerSasPermissions.All, TimeSpan.FromHours(1)));
        var expired = Sas(BlobContainerSasPermissions.All, TimeSpan.FromMinutes(-5));
        var output = _dir.File("expired.wav");

        var refused = Crmrec.RunWith(Settings(expired), "recordings", "export", id, "--out", output, "--data", Data);

        Assert.True(refused.ExitCode != 0, refused.ToString());
        Assert.Contains("HTTP 403", refused.Error, StringComparison.Ordinal);
        Assert.Contains("Check that SasToken has not expired", refused.Error, StringComparison.Ordinal);
        AssertSignatureNotShown(expired, refused);
        Assert.False(File.Exists(output) && new FileInfo(output).Length > 0, "nothing of the recording was written");
    }

    /// <summary>A service SAS for the container, valid from an hour ago until <paramref name="expiresIn"/> from now (negative: already expired).</summary>
    private string Sas(BlobContainerSasPermissions permissions, TimeSpan expiresIn)
    {
        var now = TimeProvider.System.GetUtcNow();
        var builder = new BlobSasBuilder(permissions, now + expiresIn) { BlobContainerName = _container, Resource = "c", StartsOn = now.AddHours(-1) };
        return builder.ToSasQueryParameters(Account).ToString();
    }

    private Dictionary<string, string> Settings(string sas) => new()
    {
        ["Vault__BlobStore"] = "azure",
        ["Vault__Azure__ServiceUri"] = AzuriteFactAttribute.Endpoint.AbsoluteUri,
        ["Vault__Azure__Container"] = _container,
        ["Vault__Azure__SasToken"] = sas,
    };

    private string Import(string sas)
    {
        var file = _dir.File("call.wav");
        File.WriteAllBytes(file, _audio);
        var import = Crmrec.RunWith(Settings(sas), "recordings", "import", file, "--format", "json", "--data", Data);
        Assert.True(import.ExitCode == 0, import.ToString());
        return JsonDocument.Parse(import.Out).RootElement.GetProperty("id").GetString()!;
    }

    private byte[] Export(string sas, string id)
    {
        var output = _dir.File($"export-{Guid.NewGuid():N}.wav");
        var export = Crmrec.RunWith(Settings(sas), "recordings", "export", id, "--out", output, "--data", Data);
        Assert.True(export.ExitCode == 0, export.ToString());
        return File.ReadAllBytes(output);
    }

    private async Task<List<string>> BlobNamesAsync()
    {
        var names = new List<string>();
        await foreach (var blob in Owner.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }

    private static void AssertSignatureNotShown(string sas, Crmrec.Result result)
    {
        var signature = System.Web.HttpUtility.ParseQueryString(sas)["sig"]!;
        Assert.DoesNotContain(signature, result.Out + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(signature), result.Out + result.Error, StringComparison.Ordinal);
    }
}
