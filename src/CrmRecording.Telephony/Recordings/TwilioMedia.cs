namespace CrmRecording.Telephony;

/// <summary>
/// A recording's audio as it arrives: <see cref="Content"/> reads from the network, never from a buffered copy.
/// Dispose it to release the connection.
/// </summary>
public sealed class TwilioMedia : IAsyncDisposable, IDisposable
{
    private readonly HttpResponseMessage response;

    internal TwilioMedia(HttpResponseMessage response, Stream content)
    {
        this.response = response;
        Content = content;
        Length = response.Content.Headers.ContentLength;
        ContentType = response.Content.Headers.ContentType?.MediaType ?? "audio/x-wav";
    }

    public Stream Content { get; }

    /// <summary>The byte count from Content-Length; null when Twilio streams it chunked.</summary>
    public long? Length { get; }

    /// <summary>audio/x-wav for .wav, audio/mpeg for .mp3.</summary>
    public string ContentType { get; }

    public void Dispose()
    {
        Content.Dispose();
        response.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync().ConfigureAwait(false);
        response.Dispose();
    }
}
