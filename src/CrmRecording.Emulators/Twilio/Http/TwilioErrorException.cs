namespace CrmRecording.Emulators.Twilio.Http;

/// <summary>Carries a <see cref="TwilioError"/> to the request handler, the one place that catches it and writes the error.</summary>
internal sealed class TwilioErrorException(TwilioError error) : Exception(error.Message)
{
    public TwilioError Error { get; } = error;
}
