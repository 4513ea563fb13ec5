namespace CrmRecording.Telephony;

/// <summary>
/// One page of a Recordings list as Twilio returns it: the <c>recordings</c> and the paging fields;
/// <see cref="NextPageUri"/> (relative to the API root) is null on the last page.
/// </summary>
public sealed record TwilioRecordingPage
{
    public IReadOnlyList<TwilioRecording> Recordings { get; init; } = [];

    public int? Page { get; init; }

    public int? PageSize { get; init; }

    public string? FirstPageUri { get; init; }

    public string? NextPageUri { get; init; }

    public string? PreviousPageUri { get; init; }

    public string? Uri { get; init; }
}
