using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Keys;
using Azure.Security.KeyVault.Keys.Cryptography;

namespace CrmRecording.Vault.Keys.AzureKeyVault;

/// <summary>
/// Wraps data keys with a key in Azure Key Vault or Managed HSM through Azure.Security.KeyVault.Keys
/// (<see cref="CryptographyClient.WrapKeyAsync"/>, <see cref="CryptographyClient.UnwrapKeyAsync"/>); the
/// key-encryption key's private part never leaves the vault.
/// </summary>
/// <remarks>
/// Give it a typed <see cref="HttpClient"/> and, in production, a managed identity or <c>DefaultAzureCredential</c>.
/// The SDK's pipeline answers the vault's 401 challenge, caches tokens and retries transient failures. Every
/// failure surfaces as <see cref="KeyUnavailableException"/> saying what the vault answered and what to do, with
/// the SDK's exception as the inner one.
/// </remarks>
[SuppressMessage("Design", "CA1001", Justification = "SemaphoreSlim holds an unmanaged handle only once AvailableWaitHandle is read, which this class never does.")]
public sealed partial class AzureKeyVaultKeyWrapper : IKeyWrapper
{
    private readonly AzureKeyVaultKeyWrapperOptions _options;
    private readonly KeyClient _keys;
    private readonly Uri _vault;
    private readonly string _keyName;
    private readonly string _algorithm;
    private readonly bool _managedHsm;
    private readonly ConcurrentDictionary<KeyVaultKeyId, CryptographyClient> _clients = new();
    private readonly SemaphoreSlim _resolveGate = new(1, 1);
    private KeyVaultKeyId? _current;

    /// <param name="http">The SDK's transport; its timeout bounds each request.</param>
    /// <param name="timeProvider">Not used: the SDK's pipeline keeps its own clock for token expiry and retry waits.</param>
    /// <exception cref="ArgumentException"><paramref name="options"/> are invalid; the message names each bad option.</exception>
    public AzureKeyVaultKeyWrapper(HttpClient http, TokenCredential credential, AzureKeyVaultKeyWrapperOptions options, TimeProvider? timeProvider = null)
        : this(new HttpClientTransport(http ?? throw new ArgumentNullException(nameof(http))), credential, options)
    {
    }

    /// <summary>Over any transport of the SDK's pipeline (tests answer as the vault does).</summary>
    internal AzureKeyVaultKeyWrapper(HttpPipelineTransport transport, TokenCredential credential, AzureKeyVaultKeyWrapperOptions options)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate(new ValidationContext(options)).Select(result => result.ErrorMessage).ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _options = new AzureKeyVaultKeyWrapperOptions
        {
            VaultUri = options.VaultUri,
            KeyName = options.KeyName,
            KeyVersion = options.KeyVersion,
            Algorithm = options.Algorithm,
            ApiVersion = options.ApiVersion,
            MaxRetries = options.MaxRetries,
            RetryDelay = options.RetryDelay,
            MaxRetryDelay = options.MaxRetryDelay,
        };
        _vault = KeyVaultKeyId.Root(options.VaultUri!);
        _keyName = options.KeyName!;
        _algorithm = options.Algorithm;
        _managedHsm = _vault.Host.EndsWith(".managedhsm.azure.net", StringComparison.OrdinalIgnoreCase);
        _current = options.KeyVersion is { Length: > 0 } version ? KeyVaultKeyId.For(_vault, _keyName, version) : null;
        var clientOptions = new KeyClientOptions(_options.ServiceVersion!.Value)
        {
            Transport = transport,
            RetryPolicy = new BoundedRetryPolicy(_options.MaxRetries, _options.RetryDelay, _options.MaxRetryDelay),
        };
        _keys = new KeyClient(_vault, CredentialFailedException.Guard(credential), clientOptions);
    }

    /// <summary>The versioned kid new data keys are wrapped with, e.g. <c>https://myvault.vault.azure.net/keys/recordings/0698c2…</c>.</summary>
    /// <exception cref="InvalidOperationException">No KeyVersion is configured and the current one has not been read yet.</exception>
    public string CurrentKeyId =>
        Volatile.Read(ref _current)?.ToString()
        ?? throw new InvalidOperationException(
            $"The current version of key '{_keyName}' has not been read from {_vault} yet: await {nameof(ResolveCurrentKeyIdAsync)} at startup (or wrap once), or configure KeyVersion.");

    /// <summary>Reads the key's current version (once; later calls return the same kid) and returns the versioned kid.</summary>
    /// <exception cref="KeyUnavailableException">The key cannot be read.</exception>
    public async Task<string> ResolveCurrentKeyIdAsync(CancellationToken cancellationToken = default) =>
        (await CurrentAsync(cancellationToken).ConfigureAwait(false)).ToString();

    public async Task<WrappedKey> WrapAsync(ReadOnlyMemory<byte> dataKey, CancellationToken cancellationToken = default)
    {
        ThrowIfEmpty(dataKey);
        var current = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        return await WrapWithAsync(current, dataKey, cancellationToken).ConfigureAwait(false);
    }

    /// <param name="keyId">A versioned kid in this wrapper's vault; any other host is refused so no token or data key is sent there.</param>
    public Task<WrappedKey> WrapAsync(string keyId, ReadOnlyMemory<byte> dataKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        ThrowIfEmpty(dataKey);
        if (!KeyVaultKeyId.TryParse(keyId, _vault, out var id))
        {
            throw new ArgumentException($"'{keyId}' is not a versioned key id in {_vault} (expected {_vault}keys/{{name}}/{{version}}).", nameof(keyId));
        }

        return WrapWithAsync(id, dataKey, cancellationToken);
    }

    public async Task<byte[]> UnwrapAsync(WrappedKey wrapped, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        if (!KeyVaultKeyId.TryParse(wrapped.KeyId, _vault, out var keyId))
        {
            throw new KeyUnavailableException(wrapped.KeyId,
                $"Key {wrapped.KeyId} is not a versioned key in {_vault}: the data key was wrapped elsewhere (another vault, or the local key file), and this wrapper sends neither tokens nor wrapped keys to other hosts.");
        }

        if (!KeyWrapAlgorithms.IsSupported(wrapped.Algorithm))
        {
            throw new KeyUnavailableException(wrapped.KeyId,
                $"The data key was wrapped with '{wrapped.Algorithm}', which is not a Key Vault wrap algorithm ({string.Join(", ", KeyWrapAlgorithms.Supported)}): it was wrapped by another key wrapper.");
        }

        var result = await CallAsync(KeyVaultFailureAdvice.UnwrapKey, keyId.ToString(), wrapped.Algorithm,
            () => Client(keyId).UnwrapKeyAsync(new KeyWrapAlgorithm(wrapped.Algorithm), wrapped.Bytes, cancellationToken)).ConfigureAwait(false);
        return result.Key is { Length: > 0 } key
            ? key
            : throw Malformed(KeyVaultFailureAdvice.UnwrapKey, keyId.ToString(), "unwrapKey", "its value is missing");
    }

    private async Task<WrappedKey> WrapWithAsync(KeyVaultKeyId keyId, ReadOnlyMemory<byte> dataKey, CancellationToken cancellationToken)
    {
        var result = await CallAsync(KeyVaultFailureAdvice.WrapKey, keyId.ToString(), _algorithm,
            () => Client(keyId).WrapKeyAsync(new KeyWrapAlgorithm(_algorithm), dataKey.ToArray(), cancellationToken)).ConfigureAwait(false);

        // The kid that answered is the one unwrap must name later, so it is what the record keeps.
        if (!KeyVaultKeyId.TryParse(result.KeyId, _vault, out var wrappedWith))
        {
            throw Malformed(KeyVaultFailureAdvice.WrapKey, keyId.ToString(), "wrapKey", "its kid is missing or is not a versioned key id in this vault");
        }

        return result.EncryptedKey is { Length: > 0 } bytes
            ? new WrappedKey(wrappedWith.ToString(), _algorithm, bytes)
            : throw Malformed(KeyVaultFailureAdvice.WrapKey, keyId.ToString(), "wrapKey", "its value is missing");
    }

    private async ValueTask<KeyVaultKeyId> CurrentAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _current) is { } current)
        {
            return current;
        }

        await _resolveGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } resolvedMeanwhile)
            {
                return resolvedMeanwhile;
            }

            var key = await CallAsync(KeyVaultFailureAdvice.Get, $"{_vault}keys/{_keyName}", _algorithm,
                () => _keys.GetKeyAsync(_keyName, version: null, cancellationToken)).ConfigureAwait(false);
            var resolved = KeyVaultKeyId.TryParse(key.Value.Id?.AbsoluteUri, _vault, out var id) && string.Equals(id.Name, _keyName, StringComparison.OrdinalIgnoreCase)
                ? id
                : throw Malformed(KeyVaultFailureAdvice.Get, $"{_vault}keys/{_keyName}", "get key", $"its key.kid is missing or is not a version of key '{_keyName}' in this vault");
            Volatile.Write(ref _current, resolved);
            return resolved;
        }
        finally
        {
            _resolveGate.Release();
        }
    }

    /// <summary>One client per key version, so whatever the SDK learns of a key (its public part) is learnt once.</summary>
    private CryptographyClient Client(KeyVaultKeyId keyId) =>
        _clients.GetOrAdd(keyId, id => _keys.GetCryptographyClient(id.Name, id.Version));

    private static void ThrowIfEmpty(ReadOnlyMemory<byte> dataKey)
    {
        if (dataKey.IsEmpty)
        {
            throw new ArgumentException("The data key is empty.", nameof(dataKey));
        }
    }
}
