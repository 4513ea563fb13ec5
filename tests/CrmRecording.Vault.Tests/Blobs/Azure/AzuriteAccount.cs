namespace CrmRecording.Vault.Tests.Blobs.Azure;

/// <summary>
/// Azurite's well-known development account (Azurite README, "Default Storage Account"): a public
/// constant that opens local emulators only.
/// </summary>
internal static class AzuriteAccount
{
    public const string Name = "devstoreaccount1";

    public const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
}
