namespace CrmRecording.Emulators.Twilio;

/// <summary>Settings of a <see cref="TwilioStandIn"/>; the defaults give one account on a free loopback port whose callees all answer.</summary>
public sealed class TwilioStandInOptions
{
    /// <summary>The account the REST API serves: <c>AC</c> and 32 lowercase hex digits.</summary>
    public string AccountSid { get; set; } = "AC00000000000000000000000000000001";

    /// <summary>Password of Basic auth with <see cref="AccountSid"/>, and the key of every webhook signature.</summary>
    public string AuthToken { get; set; } = "5f4dcc3b5aa765d61d8327deb882cf99";

    /// <summary>An API key (<c>SK...</c>) accepted as the Basic auth user name with <see cref="ApiKeySecret"/>, as Twilio accepts keys of the account.</summary>
    public string? ApiKeySid { get; set; }

    public string? ApiKeySecret { get; set; }

    /// <summary>The loopback port to listen on; 0 (the default) takes a free one.</summary>
    public int Port { get; set; }

    /// <summary>Stamps dates and measures recording durations; it never delays anything.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How the party at a number behaves, keyed by the E.164 number or <c>client:</c> identity dialled.</summary>
    public IDictionary<string, CalleeScript> Callees { get; } = new Dictionary<string, CalleeScript>(StringComparer.Ordinal);

    /// <summary>How every party not in <see cref="Callees"/> behaves (reps, by default): answers and gives no input.</summary>
    public CalleeScript DefaultCallee { get; set; } = CalleeScript.Answers;

    /// <summary>
    /// Real time after the legs of a <c>&lt;Dial&gt;</c> are bridged before the dialled party hangs up by itself.
    /// Null (the default) keeps the call up until it is hung up (<see cref="TwilioStandIn.HangUpAsync"/> or the REST API).
    /// </summary>
    public TimeSpan? AutoHangUpAfter { get; set; }

    /// <summary>Sends webhook requests; null uses a socket handler owned by the stand-in. Tests may answer in memory.</summary>
    public HttpMessageHandler? WebhookHandler { get; set; }

    /// <summary>Twilio waits up to 15 seconds for a voice webhook to answer before it raises 11200.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Lookup v2 <c>line_type_intelligence.type</c> per E.164 number; numbers not listed get
    /// <see cref="DefaultLineType"/> (Twilio's values: landline, mobile, fixedVoip, nonFixedVoip, tollFree, ...).
    /// </summary>
    public IDictionary<string, string> LineTypes { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public string DefaultLineType { get; set; } = "mobile";

    /// <summary>Throws an <see cref="ArgumentException"/> naming every invalid setting.</summary>
    internal void ThrowIfInvalid()
    {
        var errors = new List<string>();
        if (!Sids.IsValid(AccountSid, "AC"))
        {
            errors.Add($"{nameof(AccountSid)} must be AC followed by 32 hex digits.");
        }

        if (string.IsNullOrWhiteSpace(AuthToken))
        {
            errors.Add($"{nameof(AuthToken)} must not be empty.");
        }

        if ((ApiKeySid is null) != (ApiKeySecret is null))
        {
            errors.Add($"{nameof(ApiKeySid)} and {nameof(ApiKeySecret)} go together.");
        }

        if (Port is < 0 or > 65535)
        {
            errors.Add($"{nameof(Port)} must be 0 (any free port) or a port number (got {Port}).");
        }

        if (WebhookTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(WebhookTimeout)} must be positive (got {WebhookTimeout}).");
        }

        if (AutoHangUpAfter is { } after && after < TimeSpan.Zero)
        {
            errors.Add($"{nameof(AutoHangUpAfter)} must not be negative (got {after}).");
        }

        if (TimeProvider is null || DefaultCallee is null)
        {
            errors.Add($"{nameof(TimeProvider)} and {nameof(DefaultCallee)} are required.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid Twilio stand-in options: " + string.Join(" ", errors), "options");
        }
    }
}
