namespace CrmRecording.Telephony.Lookup;

/// <summary>The part of <c>GET /v2/PhoneNumbers/{PhoneNumber}?Fields=line_type_intelligence</c> the product reads.</summary>
internal sealed record LookupResponse
{
    public string? PhoneNumber { get; init; }

    public bool? Valid { get; init; }

    public LineTypeIntelligence? LineTypeIntelligence { get; init; }
}

internal sealed record LineTypeIntelligence
{
    public string? Type { get; init; }

    public string? CarrierName { get; init; }

    public int? ErrorCode { get; init; }
}
