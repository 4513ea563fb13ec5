using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using Azure.Core;

namespace CrmRecording.Vault.Keys.AzureKeyVault;

/// <summary>
/// Wraps data keys with a key in Azure Key Vault or Managed HSM through the Keys REST API
/// (<c>POST {kid}/wrapkey</c>, <c>POST {kid}/unwrapkey</c>); the key-encryption key never leaves the vault.
/// </summary>
/// <remarks>
/// Give it a typed <see cref="HttpClient"/> and, in production, a managed identity or <c>DefaultAzureCredential</c>.
/// Every failure surfaces as <see cref="KeyUnavailableException"/> whose inner
/// <see cref="KeyVaultRequestFailedException"/> carries the status, Key Vault's error code and the request id.
/// </remarks>
[SuppressMessage("Design", "CA1001", Justification = "SemaphoreSlim holds an unmanaged handle only once AvailableWaitHandle is read, which this class never does.")]
public sealed partial class AzureKeyVaultKeyWrapper : IKeyWrapper
{
    private readonly KeyVaultTransport _transport;
    private readonly Uri _vault;
    private readonly string _keyName;
    private readonly string _algorithm;
    private readonly string _apiVersion;
    private readonly bool _managedHsm;
    private readonly SemaphoreSlim _resolveGate = new(1, 1);
    private KeyVaultKeyId? _current;

    /// <param name="timeProvider">The clock for token expiry and retry waits; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentException"><paramref name="options"/> are invalid; the message names each bad option.</exception>
    public AzureKeyVaultKeyWrapper(HttpClient http, TokenCredential credential, AzureKeyVaultKeyWrapperOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate(new ValidationContext(options)).Select(result => result.ErrorMessage).ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _vault = KeyVaultKeyId.Root(options.VaultUri!);
        _keyName = options.KeyName!;
        _algorithm = options.Algorithm;
        _apiVersion = options.ApiVersion;
        _managedHsm = KeyVaultTransport.IsManagedHsm(_vault);
        _current = options.KeyVersion is { Length: > 0 } version ? KeyVaultKeyId.For(_vault, _keyName, version) : null;
        _transport = new KeyVaultTransport(http, credential, _vault, options.MaxRetries, options.MaxRetryDelay, timeProvider ?? TimeProvider.System);
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

        var body = RequestBody(wrapped.Algorithm, wrapped.Bytes);
        return await CallAsync(KeyVaultFailureAdvice.UnwrapKey, keyId.ToString(), wrapped.Algorithm, async () =>
        {
            var result = await _transport.SendAsync(() => Post(keyId.Operation("unwrapkey", _apiVersion), body), KeyVaultJsonContext.Default.KeyOperationResult, cancellationToken).ConfigureAwait(false);
            return Decode(result.Value, "unwrapkey");
        }).ConfigureAwait(false);
    }

    private async Task<WrappedKey> WrapWithAsync(KeyVaultKeyId keyId, ReadOnlyMemory<byte> dataKey, CancellationToken cancellationToken)
    {
        var body = RequestBody(_algorithm, dataKey.Span);
        return await CallAsync(KeyVaultFailureAdvice.WrapKey, keyId.ToString(), _algorithm, async () =>
        {
            var result = await _transport.SendAsync(() => Post(keyId.Operation("wrapkey", _apiVersion), body), KeyVaultJsonContext.Default.KeyOperationResult, cancellationToken).ConfigureAwait(false);

            // The kid that answered is the one unwrap must name later, so it is what the record keeps.
            if (!KeyVaultKeyId.TryParse(result.KeyId, _vault, out var wrappedWith))
            {
                throw Malformed("wrapkey", "its kid is missing or is not a versioned key id in this vault");
            }

            return new WrappedKey(wrappedWith.ToString(), _algorithm, Decode(result.Value, "wrapkey"));
        }).ConfigureAwait(false);
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

            var keyUri = KeyVaultKeyId.Key(_vault, _keyName, _apiVersion);
            var resolved = await CallAsync(KeyVaultFailureAdvice.Get, $"{_vault}keys/{_keyName}", _algorithm, async () =>
            {
                var bundle = await _transport.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, keyUri), KeyVaultJsonContext.Default.KeyBundle, cancellationToken).ConfigureAwait(false);
                return KeyVaultKeyId.TryParse(bundle.Key?.KeyId, _vault, out var id) && string.Equals(id.Name, _keyName, StringComparison.OrdinalIgnoreCase)
                    ? id
                    : throw Malformed("get key", $"its key.kid is missing or is not a version of key '{_keyName}' in this vault");
            }).ConfigureAwait(false);
            Volatile.Write(ref _current, resolved);
            return resolved;
        }
        finally
        {
            _resolveGate.Release();
        }
    }

    private static void ThrowIfEmpty(ReadOnlyMemory<byte> dataKey)
    {
        if (dataKey.IsEmpty)
        {
            throw new ArgumentException("The data key is empty.", nameof(dataKey));
        }
    }
}
