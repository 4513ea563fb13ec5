using System.Security.Cryptography;
using System.Text;
using CrmRecording.Service.Calls;
using CrmRecording.Vault.Keys;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Recordings;
using Microsoft.Data.Sqlite;

namespace CrmRecording.Service.Tests.Calls;

/// <summary>Customers' phone numbers are never in the call store in clear: sealed under a key the vault's key ring wraps.</summary>
public sealed class CallPhoneEncryptionTests : IAsyncLifetime
{
    private const string Number = "+14155550101";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("crmrec-phones-").FullName;
    private SqliteMetadataStore _metadata = null!;
    private LocalKeyRing _keys = null!;

    private string CallsDb => Path.Combine(_directory, "calls.db");

    public async Task InitializeAsync()
    {
        _metadata = new SqliteMetadataStore(Path.Combine(_directory, "vault.db"));
        await _metadata.MigrateAsync();
        _keys = LocalKeyRing.OpenOrCreate(Path.Combine(_directory, "keys", "keyring.json"), Now);
    }

    public async Task DisposeAsync()
    {
        await _metadata.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Store_WithThePhoneKey_TheNumberIsNowhereInTheFilesInClear_ButReadsBackWhole()
    {
        var call = CallRecords.New() with { CustomerPhone = Number };
        await using (var store = await OpenAsync())
        {
            await store.AddAsync(call);
            await store.UpdateAsync(call.Id, c => c with { Status = CrmRecording.Service.Calls.State.CallStatus.Completed });
            Assert.Equal(Number, (await store.GetAsync(call.Id))!.CustomerPhone);
        }

        SqliteConnection.ClearAllPools();
        var files = string.Concat(Directory.EnumerateFiles(_directory, "calls.db*").Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f))));
        Assert.DoesNotContain("4155550101", files, StringComparison.Ordinal);
        Assert.Contains("\"customerPhoneShown\":\"***0101\"", files, StringComparison.Ordinal);
        var wrapped = await _metadata.GetFieldKeyAsync(PhoneNumberKey.Name);
        Assert.Equal(_keys.CurrentKeyId, wrapped!.KeyId);
    }

    [Fact]
    public async Task Migrate_CallsStoredInClearBeforeNumbersWereEncrypted_AreSealedOnce()
    {
        var call = CallRecords.New() with { CustomerPhone = Number };
        await using (var clear = SqlCallStore.ForSqlite(CallsDb))
        {
            await clear.MigrateAsync();
            await clear.AddAsync(call);
        }

        await using (var store = await OpenAsync())
        {
            Assert.Equal(Number, (await store.GetAsync(call.Id))!.CustomerPhone);
        }

        Assert.StartsWith("enc1:", await StoredNumberAsync(call.Id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_ASealedNumberCopiedOntoAnotherCall_IsRefused()
    {
        var first = CallRecords.New() with { CustomerPhone = Number };
        var second = CallRecords.New() with { CustomerPhone = "+12025550123" };
        await using var store = await OpenAsync();
        await store.AddAsync(first);
        await store.AddAsync(second);
        var sealedFirst = await StoredNumberAsync(first.Id);
        await using (var connection = new SqliteConnection($"Data Source={CallsDb};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE calls SET document = json_set(document, '$.customerPhone', $mine) WHERE id = $id;";
            command.Parameters.AddWithValue("$mine", sealedFirst);
            command.Parameters.AddWithValue("$id", second.Id);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        Assert.Equal(sealedFirst, await StoredNumberAsync(second.Id));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => store.GetAsync(second.Id));
    }

    [Fact]
    public async Task KeyRotation_RewrapsThePhoneKey_AndNumbersStillRead()
    {
        var call = CallRecords.New() with { CustomerPhone = Number };
        await using (var store = await OpenAsync())
        {
            await store.AddAsync(call);
        }

        var old = _keys.CurrentKeyId;
        _keys.AddKey(Now.AddDays(1));
        var vault = new RecordingVault(new Vault.Blobs.LocalBlobStore(Path.Combine(_directory, "recordings"), Now), _metadata, _keys, new RetentionClasses(new Dictionary<string, TimeSpan> { ["sales"] = TimeSpan.FromDays(1) }, "sales"), TimeProvider.System);
        Assert.Equal(1, await vault.RewrapAllAsync("test"));
        _keys.Retire(old);

        Assert.Equal(_keys.CurrentKeyId, (await _metadata.GetFieldKeyAsync(PhoneNumberKey.Name))!.KeyId);
        await using (var reopened = await OpenAsync())
        {
            Assert.Equal(Number, (await reopened.GetAsync(call.Id))!.CustomerPhone);
        }
    }

    private async Task<SqlCallStore> OpenAsync()
    {
        var key = new PhoneNumberKey(_metadata, _keys, TimeProvider.System);
        var store = SqlCallStore.ForSqlite(CallsDb, key.GetAsync);
        await store.MigrateAsync();
        return store;
    }

    private async Task<string> StoredNumberAsync(string callId)
    {
        await using var connection = new SqliteConnection($"Data Source={CallsDb};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT json_extract(document, '$.customerPhone') FROM calls WHERE id = $id;";
        command.Parameters.AddWithValue("$id", callId);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
