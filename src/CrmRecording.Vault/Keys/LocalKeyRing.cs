using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmRecording.Vault.Keys;

/// <summary>
/// Key-encryption keys in a local file, readable by its owner only (the default; production uses a
/// cloud key service). Data keys are wrapped with AES-256-GCM under the current key, with the key id
/// as associated data. The file is created on first use and rewritten atomically.
/// </summary>
public sealed class LocalKeyRing : IKeyWrapper
{
    public const string Algorithm = "A256GCM";
    private const string FormatName = "crmrec-keyring/1";

    private readonly string _path;
    private readonly List<KeyEntry> _keys;

    private LocalKeyRing(string path, List<KeyEntry> keys)
    {
        _path = path;
        _keys = keys;
    }

    public string CurrentKeyId => _keys.Last(k => k.State == KeyState.Active).Id;

    public IReadOnlyList<(string Id, KeyState State, DateTimeOffset Created)> Keys => _keys.Select(k => (k.Id, k.State, k.Created)).ToList();

    /// <summary>Opens the key file, creating it (and its directory, owner-only) with one fresh key when it does not exist.</summary>
    /// <exception cref="KeyFileException">The file or its directory is open to others, or the file is not a key file.</exception>
    public static LocalKeyRing OpenOrCreate(string path, DateTimeOffset now)
    {
        path = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(path)!;
        CreateOwnerOnlyDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            var directoryMode = File.GetUnixFileMode(directory);
            if ((directoryMode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute)) != 0)
            {
                throw new KeyFileException(
                    $"The key file's directory {directory} is open to others (mode {Convert.ToString((int)directoryMode, 8)}); refusing to use it. " +
                    $"Restrict it with: chmod 700 {directory}");
            }
        }

        if (!File.Exists(path))
        {
            var ring = new LocalKeyRing(path, []);
            ring.AddKey(now);
            return ring;
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
            {
                throw new KeyFileException(
                    $"The key file {path} is readable or writable by others (mode {Convert.ToString((int)mode, 8)}); refusing to use it. " +
                    $"Restrict it with: chmod 600 {path}");
            }
        }

        return new LocalKeyRing(path, Read(path));
    }

    /// <summary>Creates a directory readable by its owner only (0700); an existing one is left as it is.</summary>
    public static void CreateOwnerOnlyDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Adds a fresh key-encryption key, which becomes the current one.</summary>
    public string AddKey(DateTimeOffset now)
    {
        var id = $"kek-{now:yyyyMMdd}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        _keys.Add(new KeyEntry(id, KeyState.Active, now, RandomNumberGenerator.GetBytes(32)));
        Save();
        return id;
    }

    /// <summary>Stops a key from wrapping new data keys and destroys its material: nothing wrapped under it can be unwrapped afterwards.</summary>
    public void Retire(string keyId)
    {
        var at = _keys.FindIndex(k => k.Id == keyId);
        if (at < 0)
        {
            throw new KeyUnavailableException(keyId, $"No key '{keyId}' is in {_path}.");
        }

        if (_keys.Count(k => k.State == KeyState.Active) == 1 && _keys[at].State == KeyState.Active)
        {
            throw new InvalidOperationException($"'{keyId}' is the only active key; add a new key before retiring it.");
        }

        CryptographicOperations.ZeroMemory(_keys[at].Material);
        _keys[at] = _keys[at] with { State = KeyState.Retired, Material = [] };
        Save();
    }

    public Task<WrappedKey> WrapAsync(ReadOnlyMemory<byte> dataKey, CancellationToken cancellationToken = default) =>
        WrapAsync(CurrentKeyId, dataKey, cancellationToken);

    public Task<WrappedKey> WrapAsync(string keyId, ReadOnlyMemory<byte> dataKey, CancellationToken cancellationToken = default)
    {
        var key = Find(keyId);
        if (key.State != KeyState.Active)
        {
            throw new KeyUnavailableException(keyId, $"Key '{keyId}' is retired and cannot wrap new data keys.");
        }

        var wrapped = new byte[12 + dataKey.Length + 16];
        RandomNumberGenerator.Fill(wrapped.AsSpan(0, 12));
        using var aes = new AesGcm(key.Material, 16);
        aes.Encrypt(wrapped.AsSpan(0, 12), dataKey.Span, wrapped.AsSpan(12, dataKey.Length), wrapped.AsSpan(12 + dataKey.Length), System.Text.Encoding.UTF8.GetBytes(keyId));
        return Task.FromResult(new WrappedKey(keyId, Algorithm, wrapped));
    }

    public Task<byte[]> UnwrapAsync(WrappedKey wrapped, CancellationToken cancellationToken = default)
    {
        var key = Find(wrapped.KeyId);
        if (key.Material.Length == 0)
        {
            throw new KeyUnavailableException(wrapped.KeyId, $"Key '{wrapped.KeyId}' was retired and destroyed; data keys wrapped under it cannot be recovered.");
        }

        if (wrapped.Algorithm != Algorithm || wrapped.Bytes.Length < 12 + 16)
        {
            throw new KeyUnavailableException(wrapped.KeyId, $"The wrapped key is not an {Algorithm} key from this key ring.");
        }

        var dataKey = new byte[wrapped.Bytes.Length - 28];
        try
        {
            using var aes = new AesGcm(key.Material, 16);
            aes.Decrypt(wrapped.Bytes.AsSpan(0, 12), wrapped.Bytes.AsSpan(12, dataKey.Length), wrapped.Bytes.AsSpan(12 + dataKey.Length), dataKey, System.Text.Encoding.UTF8.GetBytes(wrapped.KeyId));
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new KeyUnavailableException(wrapped.KeyId, $"The wrapped data key does not authenticate under '{wrapped.KeyId}': it was altered or belongs to another key ring.", ex);
        }

        return Task.FromResult(dataKey);
    }

    private KeyEntry Find(string keyId) =>
        _keys.Find(k => k.Id == keyId) ?? throw new KeyUnavailableException(keyId, $"No key '{keyId}' is in {_path}; was the key file replaced?");

    private static List<KeyEntry> Read(string path)
    {
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            if ((string?)root["format"] != FormatName)
            {
                throw new KeyFileException($"{path} is not a {FormatName} key file.");
            }

            return root["keys"]!.AsArray().Select(k => new KeyEntry(
                (string)k!["id"]!,
                Enum.Parse<KeyState>((string)k["state"]!, ignoreCase: true),
                DateTimeOffset.Parse((string)k["created"]!, System.Globalization.CultureInfo.InvariantCulture),
                Convert.FromBase64String((string?)k["material"] ?? string.Empty))).ToList();
        }
        catch (Exception ex) when (ex is JsonException or FormatException or NullReferenceException or InvalidOperationException or ArgumentException)
        {
            throw new KeyFileException($"{path} is not a readable key file: {ex.Message}");
        }
    }

    private void Save()
    {
        var root = new JsonObject
        {
            ["format"] = FormatName,
            ["keys"] = new JsonArray(_keys.Select(k => (JsonNode)new JsonObject
            {
                ["id"] = k.Id,
                ["state"] = k.State.ToString().ToLowerInvariant(),
                ["created"] = k.Created.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["material"] = k.Material.Length == 0 ? null : Convert.ToBase64String(k.Material),
            }).ToArray()),
        };
        var temp = _path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        {
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                root.WriteTo(writer);
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, _path, overwrite: true);
    }

    private sealed record KeyEntry(string Id, KeyState State, DateTimeOffset Created, byte[] Material);
}
