using System.Diagnostics.CodeAnalysis;

namespace CrmRecording.Vault.Keys.AzureKeyVault;

/// <summary>
/// A versioned key identifier, <c>https://{vault}/keys/{name}/{version}</c> (the <c>kid</c> Key Vault returns).
/// </summary>
internal sealed record KeyVaultKeyId(Uri Vault, string Name, string Version)
{
    public static KeyVaultKeyId For(Uri vault, string name, string version) => new(Root(vault), name, version);

    /// <summary>Parses <paramref name="kid"/> if it names a versioned key in <paramref name="vault"/>.</summary>
    /// <remarks>
    /// A kid is where the bearer token gets sent, and kids come back from storage; refusing other hosts keeps
    /// a tampered record from sending our token, or a data key, anywhere but our own vault.
    /// </remarks>
    public static bool TryParse(string? kid, Uri vault, [NotNullWhen(true)] out KeyVaultKeyId? keyId)
    {
        keyId = null;
        if (!Uri.TryCreate(kid, UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttps
            || !string.Equals(uri.Authority, vault.Authority, StringComparison.OrdinalIgnoreCase)
            || uri.Query.Length > 0
            || uri.Fragment.Length > 0)
        {
            return false;
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is not ["keys", var name, var version]
            || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            || !version.All(char.IsAsciiLetterOrDigit))
        {
            return false;
        }

        keyId = For(vault, name, version);
        return true;
    }

    public Uri Operation(string operation, string apiVersion) =>
        new($"{this}/{operation}?api-version={Uri.EscapeDataString(apiVersion)}");

    public override string ToString() => $"{Vault.GetLeftPart(UriPartial.Authority)}/keys/{Name}/{Version}";

    public static Uri Root(Uri vault) => new(vault.GetLeftPart(UriPartial.Authority));

    public static Uri Key(Uri vault, string name, string apiVersion) =>
        new($"{vault.GetLeftPart(UriPartial.Authority)}/keys/{name}?api-version={Uri.EscapeDataString(apiVersion)}");
}
