namespace CrmRecording.Emulators.Dataverse.Http;

/// <summary>
/// Carries a <see cref="WebApiError"/> from deep in an operation to the request handler, which is the one
/// place that catches it and writes the error response.
/// </summary>
internal sealed class WebApiErrorException(WebApiError error) : Exception(error.Message)
{
    public WebApiError Error { get; } = error;
}
