namespace CrmRecording.Service.Webhooks;

/// <summary>Reads a webhook's body up to a limit, so a stranger cannot make the service buffer an unbounded upload.</summary>
internal static class BoundedBody
{
    /// <returns>The body, or null when it is longer than <paramref name="max"/>.</returns>
    public static async Task<byte[]?> ReadAsync(Stream body, int max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
