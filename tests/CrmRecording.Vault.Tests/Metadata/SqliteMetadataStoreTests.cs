using CrmRecording.Vault.Metadata;

namespace CrmRecording.Vault.Tests.Metadata;

public sealed class SqliteMetadataStoreTests : MetadataStoreContract
{
    private readonly string _dir = Directory.CreateTempSubdirectory("crmrec-sqlite-").FullName;

    protected override Task<IMetadataStore> CreateStoreAsync() =>
        Task.FromResult<IMetadataStore>(new SqliteMetadataStore(Path.Combine(_dir, "vault.db")));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Create_DatabaseFile_IsReadableByItsOwnerOnly()
    {
        var mode = File.GetUnixFileMode(Path.Combine(_dir, "vault.db"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }
}
