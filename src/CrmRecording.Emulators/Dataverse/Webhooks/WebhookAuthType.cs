namespace CrmRecording.Emulators.Dataverse.Webhooks;

/// <summary>The webhook values of <c>serviceendpoint.authtype</c>.</summary>
public enum WebhookAuthType
{
    /// <summary><c>?code=VALUE</c> appended to the URL.</summary>
    WebhookKey = 4,

    /// <summary>Key/value pairs sent as headers.</summary>
    HttpHeader = 5,

    /// <summary>Key/value pairs sent as query string parameters.</summary>
    HttpQueryString = 6,
}
