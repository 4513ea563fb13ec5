using CrmRecording.Dataverse;

namespace CrmRecording.Service.Crm;

/// <summary>
/// Where the Dataverse adapters turn the client's <see cref="DataverseException"/> into the ports' CRM-neutral
/// <see cref="CrmUnavailableException"/>, with the status and the retry-after Dataverse gave: nothing past the ports names a
/// Dataverse type.
/// </summary>
internal static class DataverseFailures
{
    public static async Task<T> TranslateAsync<T>(Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (DataverseException ex)
        {
            throw new CrmUnavailableException(CrmRecordRef.Dynamics, ex.Status, ex.ErrorCode ?? ex.ServerMessage, ex.RetryAfter, ex);
        }
    }

    public static Task TranslateAsync(Func<Task> call) => TranslateAsync(async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    });
}
