namespace CrmRecording.Vault.Keys;

/// <summary>
/// Where the local key file lives: outside the data directory, so that whoever copies the data (a backup, a support
/// bundle) does not also get what decrypts it. By default beside it, in <c>DATA-keys/keyring.json</c> (owner-only
/// directory); <c>Vault:KeyFile</c> (the service) or <c>Vault__KeyFile</c> (the CLI) puts it anywhere else. Production
/// keeps the key-encryption key in Azure Key Vault instead.
/// </summary>
public static class KeyFileLocation
{
    public static string Default(string dataDirectory)
    {
        var data = Path.GetFullPath(dataDirectory).TrimEnd(Path.DirectorySeparatorChar);
        return Path.Combine(Path.GetDirectoryName(data) ?? data, Path.GetFileName(data) + "-keys", "keyring.json");
    }

    /// <summary>Where earlier versions kept it: inside the data directory.</summary>
    public static string Legacy(string dataDirectory) => Path.Combine(Path.GetFullPath(dataDirectory), "keys", "keyring.json");

    /// <summary>
    /// Moves a key file left inside the data directory by an earlier version to <paramref name="keyFile"/>, once.
    /// </summary>
    /// <returns>True when it was moved now.</returns>
    /// <exception cref="KeyFileException">A key file is in both places: which one is right is the operator's call.</exception>
    public static bool MoveLegacy(string dataDirectory, string keyFile)
    {
        var legacy = Legacy(dataDirectory);
        keyFile = Path.GetFullPath(keyFile);
        if (!File.Exists(legacy) || legacy == keyFile)
        {
            return false;
        }

        if (File.Exists(keyFile))
        {
            throw new KeyFileException(
                $"A key file is still inside the data directory ({legacy}) while {keyFile} is the one in use: anyone with a copy of the data could decrypt it. " +
                $"Keep the right one (compare with 'crmrec keys list'), then remove {legacy}.");
        }

        LocalKeyRing.CreateOwnerOnlyDirectory(Path.GetDirectoryName(keyFile)!);
        File.Move(legacy, keyFile);
        if (Directory.Exists(Path.GetDirectoryName(legacy)) && !Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(legacy)!).Any())
        {
            Directory.Delete(Path.GetDirectoryName(legacy)!);
        }

        return true;
    }
}
