using System.Security.Cryptography;
using CrmRecording.Vault.Keys;
using CrmRecording.Vault.Metadata;

namespace CrmRecording.Service.Calls;

/// <summary>
/// The data key customers' phone numbers are encrypted with in the call store: made once, kept only wrapped by the
/// vault's key ring (the local key file or Azure Key Vault) beside the recordings' keys — so a key rotation re-wraps it
/// and a copy of the call store alone reveals no number — and unwrapped once per process.
/// </summary>
internal sealed class PhoneNumberKey(IMetadataStore metadata, IKeyWrapper keys, TimeProvider time)
{
    public const string Name = "call-phone-numbers";
    private readonly Lock _gate = new();
    private Task<byte[]>? _loading;

    public async ValueTask<byte[]> GetAsync(CancellationToken cancellationToken)
    {
        Task<byte[]> loading;
        lock (_gate)
        {
            if (_loading is null || _loading.IsFaulted || _loading.IsCanceled)
            {
                // Shared by every caller, so not bound to one caller's cancellation; a failure is retried by the next.
                _loading = LoadAsync();
            }

            loading = _loading;
        }

        return await loading.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<byte[]> LoadAsync()
    {
        var store = metadata as IFieldKeyStore ?? throw new InvalidOperationException("The metadata store keeps no field keys.");
        var wrapped = await store.GetFieldKeyAsync(Name).ConfigureAwait(false);
        if (wrapped is null)
        {
            var fresh = RandomNumberGenerator.GetBytes(32);
            if (await store.AddFieldKeyAsync(Name, await keys.WrapAsync(fresh).ConfigureAwait(false), time.GetUtcNow()).ConfigureAwait(false))
            {
                return fresh;
            }

            // Another instance made it first: use theirs.
            CryptographicOperations.ZeroMemory(fresh);
            wrapped = await store.GetFieldKeyAsync(Name).ConfigureAwait(false) ?? throw new InvalidOperationException($"The field key {Name} vanished while it was being made.");
        }

        return await keys.UnwrapAsync(wrapped).ConfigureAwait(false);
    }
}
