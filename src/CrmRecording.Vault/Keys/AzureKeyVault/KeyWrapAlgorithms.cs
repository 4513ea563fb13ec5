namespace CrmRecording.Vault.Keys.AzureKeyVault;

/// <summary>
/// The JSON Web Algorithm names Key Vault accepts for <c>wrapkey</c>/<c>unwrapkey</c> that this adapter allows.
/// <c>RSA1_5</c> is deliberately absent (padding-oracle prone); AES key wrap is Managed HSM only.
/// </summary>
internal static class KeyWrapAlgorithms
{
    public const string RsaOaep256 = "RSA-OAEP-256";
    public const string RsaOaep = "RSA-OAEP";
    public const string A256KW = "A256KW";

    public static IReadOnlyList<string> Supported { get; } = [RsaOaep256, RsaOaep, A256KW];

    // JWA names are case-sensitive (RFC 7518), and so is Key Vault.
    public static bool IsSupported(string? algorithm) => algorithm is RsaOaep256 or RsaOaep or A256KW;
}
