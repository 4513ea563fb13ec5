namespace CrmRecording.Vault.Tests.Metadata;

/// <summary>
/// Every test class that uses the PostgreSQL test server: they run one after another, and alone, because one of them
/// restarts the server, which would end the others' connections mid-test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PostgresCollectionDefinition
{
    public const string Name = "postgres";
}
