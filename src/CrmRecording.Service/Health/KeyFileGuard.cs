using CrmRecording.Service.Options;
using CrmRecording.Vault.Keys;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Health;

/// <summary>Opens the local key file before anything is served: one open to others (or its directory) stops the start.</summary>
internal static class KeyFileGuard
{
    /// <returns>Why the key file may not be used, or null.</returns>
    public static string? Problem(IServiceProvider services)
    {
        if (services.GetRequiredService<IOptions<VaultOptions>>().Value.Keys != "local")
        {
            return null;
        }

        try
        {
            services.GetRequiredService<IKeyWrapper>();
            return null;
        }
        catch (KeyFileException ex)
        {
            return ex.Message;
        }
    }
}
