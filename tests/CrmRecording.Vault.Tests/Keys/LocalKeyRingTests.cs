using System.Security.Cryptography;
using CrmRecording.Vault.Keys;

namespace CrmRecording.Vault.Tests.Keys;

public sealed class LocalKeyRingTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void OpenOrCreate_NewFile_IsCreatedReadableByOwnerOnlyWithOneActiveKey()
    {
        var path = _dir.Combine("keys/keyring.json");
        var ring = LocalKeyRing.OpenOrCreate(path, Now);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(KeyState.Active, Assert.Single(ring.Keys).State);
        Assert.Equal(ring.CurrentKeyId, LocalKeyRing.OpenOrCreate(path, Now).CurrentKeyId);
    }

    [Theory]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.GroupWrite)]
    public void OpenOrCreate_FileReadableByOthers_IsRefusedWithTheFix(UnixFileMode extra)
    {
        var path = _dir.Combine("keyring.json");
        LocalKeyRing.OpenOrCreate(path, Now);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | extra);
        var ex = Assert.Throws<KeyFileException>(() => LocalKeyRing.OpenOrCreate(path, Now));
        Assert.Contains("chmod 600", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenOrCreate_NewDirectory_IsCreatedOwnerOnly()
    {
        var path = _dir.Combine("keys/keyring.json");
        LocalKeyRing.OpenOrCreate(path, Now);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_dir.Combine("keys")));
    }

    [Theory]
    [InlineData(UnixFileMode.OtherRead | UnixFileMode.OtherExecute)]
    [InlineData(UnixFileMode.GroupRead | UnixFileMode.GroupExecute)]
    public void OpenOrCreate_DirectoryOpenToOthers_IsRefusedWithTheFix(UnixFileMode extra)
    {
        var path = _dir.Combine("keys/keyring.json");
        LocalKeyRing.OpenOrCreate(path, Now);
        File.SetUnixFileMode(_dir.Combine("keys"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | extra);
        var ex = Assert.Throws<KeyFileException>(() => LocalKeyRing.OpenOrCreate(path, Now));
        Assert.Contains("chmod 700", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyFileLocation_Default_IsBesideTheDataDirectoryNotInsideIt()
    {
        var data = _dir.Combine("data");
        var keyFile = KeyFileLocation.Default(data);
        Assert.Equal(_dir.Combine("data-keys/keyring.json"), keyFile);
        Assert.False(keyFile.StartsWith(data + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        Assert.Equal(keyFile, KeyFileLocation.Default(data + Path.DirectorySeparatorChar));
    }

    [Fact]
    public void KeyFileLocation_MoveLegacy_MovesAKeyFileOutOfTheDataOnce_TheKeysUnchanged()
    {
        var data = _dir.Combine("data");
        var legacy = LocalKeyRing.OpenOrCreate(KeyFileLocation.Legacy(data), Now);
        var keyFile = KeyFileLocation.Default(data);

        Assert.True(KeyFileLocation.MoveLegacy(data, keyFile));
        Assert.False(KeyFileLocation.MoveLegacy(data, keyFile));

        Assert.False(Directory.Exists(Path.Combine(data, "keys")));
        Assert.Equal(legacy.CurrentKeyId, LocalKeyRing.OpenOrCreate(keyFile, Now).CurrentKeyId);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(keyFile)!));
    }

    [Fact]
    public void KeyFileLocation_KeyFileInBothPlaces_IsRefusedNamingBoth()
    {
        var data = _dir.Combine("data");
        LocalKeyRing.OpenOrCreate(KeyFileLocation.Legacy(data), Now);
        LocalKeyRing.OpenOrCreate(KeyFileLocation.Default(data), Now);

        var ex = Assert.Throws<KeyFileException>(() => KeyFileLocation.MoveLegacy(data, KeyFileLocation.Default(data)));

        Assert.Contains(KeyFileLocation.Legacy(data), ex.Message, StringComparison.Ordinal);
        Assert.Contains(KeyFileLocation.Default(data), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenOrCreate_NotAKeyFile_SaysSo()
    {
        var path = _dir.Combine("keyring.json");
        File.WriteAllText(path, "{\"hello\":1}");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Throws<KeyFileException>(() => LocalKeyRing.OpenOrCreate(path, Now));
    }

    [Fact]
    public async Task WrapUnwrap_RoundTripsAndNeverStoresTheDataKeyInTheClear()
    {
        var ring = LocalKeyRing.OpenOrCreate(_dir.Combine("k.json"), Now);
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var wrapped = await ring.WrapAsync(dataKey);
        Assert.Equal(ring.CurrentKeyId, wrapped.KeyId);
        Assert.Equal(-1, wrapped.Bytes.AsSpan().IndexOf(dataKey));
        Assert.Equal(dataKey, await ring.UnwrapAsync(wrapped));
    }

    [Fact]
    public async Task Unwrap_AlteredWrappedKey_IsRefused()
    {
        var ring = LocalKeyRing.OpenOrCreate(_dir.Combine("k.json"), Now);
        var wrapped = await ring.WrapAsync(RandomNumberGenerator.GetBytes(32));
        wrapped.Bytes[20] ^= 1;
        await Assert.ThrowsAsync<KeyUnavailableException>(() => ring.UnwrapAsync(wrapped));
    }

    [Fact]
    public async Task Unwrap_KeyFromAnotherRing_IsRefusedNamingTheKey()
    {
        var mine = LocalKeyRing.OpenOrCreate(_dir.Combine("a.json"), Now);
        var theirs = LocalKeyRing.OpenOrCreate(_dir.Combine("b.json"), Now);
        var wrapped = await theirs.WrapAsync(RandomNumberGenerator.GetBytes(32));
        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(() => mine.UnwrapAsync(wrapped));
        Assert.Equal(wrapped.KeyId, ex.KeyId);
    }

    [Fact]
    public async Task Retire_DestroysTheKeySoItsDataKeysCannotBeRecovered()
    {
        var path = _dir.Combine("k.json");
        var ring = LocalKeyRing.OpenOrCreate(path, Now);
        var old = ring.CurrentKeyId;
        var wrapped = await ring.WrapAsync(RandomNumberGenerator.GetBytes(32));
        var added = ring.AddKey(Now.AddDays(1));
        ring.Retire(old);
        Assert.Equal(added, ring.CurrentKeyId);
        var reopened = LocalKeyRing.OpenOrCreate(path, Now);
        await Assert.ThrowsAsync<KeyUnavailableException>(() => reopened.UnwrapAsync(wrapped));
        Assert.DoesNotContain(Convert.ToBase64String(wrapped.Bytes), File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Retire_OnlyActiveKey_IsRefused()
    {
        var ring = LocalKeyRing.OpenOrCreate(_dir.Combine("k.json"), Now);
        Assert.Throws<InvalidOperationException>(() => ring.Retire(ring.CurrentKeyId));
    }
}
