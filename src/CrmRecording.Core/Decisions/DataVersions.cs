namespace CrmRecording.Core.Decisions;

/// <summary>The editions of the reference data and policy a decision was made under, so it can be replayed.</summary>
/// <param name="Rules">The jurisdictions table.</param>
/// <param name="CallingCodes">The calling codes and shared-calling-code ranges.</param>
/// <param name="AreaCodes">NANPA's area codes.</param>
/// <param name="Policy">The organisation's recording policy.</param>
/// <param name="PhoneMetadata">libphonenumber's metadata, which reads and validates the numbers (e.g. <c>libphonenumber 9.0.43</c>).</param>
public sealed record DataVersions(string Rules, string CallingCodes, string AreaCodes, string Policy, string PhoneMetadata)
{
    /// <summary>The versions in one line, as stamped on every call and shown in the compliance report.</summary>
    public string Describe() => $"rules {Rules}; calling codes {CallingCodes}; area codes {AreaCodes}; phone metadata {PhoneMetadata}; policy {Policy}";
}
