namespace CrmRecording.Core.Decisions;

/// <summary>The editions of the reference data and policy a decision was made under, so it can be replayed.</summary>
public sealed record DataVersions(string Rules, string CallingCodes, string AreaCodes, string Policy);
