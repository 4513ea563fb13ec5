namespace CrmRecording.Telephony;

/// <summary>
/// A Call resource as Twilio returns it (<c>/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json</c>). Dates are
/// RFC 2822 on the wire; <see cref="Duration"/> is whole seconds, known once the call has ended.
/// </summary>
public sealed record TwilioCall
{
    public string Sid { get; init; } = string.Empty;

    public string? AccountSid { get; init; }

    /// <summary>queued, ringing, in-progress, canceled, completed, failed, busy or no-answer.</summary>
    public string? Status { get; init; }

    public string? To { get; init; }

    public string? From { get; init; }

    /// <summary>The call that created this one: set on the child leg a <c>&lt;Dial&gt;</c> places.</summary>
    public string? ParentCallSid { get; init; }

    /// <summary>inbound, outbound-api (placed by the REST API) or outbound-dial (placed by <c>&lt;Dial&gt;</c>).</summary>
    public string? Direction { get; init; }

    public string? AnsweredBy { get; init; }

    public DateTimeOffset? DateCreated { get; init; }

    public DateTimeOffset? DateUpdated { get; init; }

    public DateTimeOffset? StartTime { get; init; }

    public DateTimeOffset? EndTime { get; init; }

    public int? Duration { get; init; }
}
