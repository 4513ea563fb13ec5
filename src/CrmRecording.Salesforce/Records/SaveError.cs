namespace CrmRecording.Salesforce.Records;

/// <summary>Why one record was not saved: <c>{"statusCode","message","fields"}</c> of a SaveResult.</summary>
/// <param name="Code">e.g. <c>FIELD_CUSTOM_VALIDATION_EXCEPTION</c>, <c>REQUIRED_FIELD_MISSING</c>, <c>DUPLICATE_VALUE</c>.</param>
public sealed record SaveError(string? Code, string Message, IReadOnlyList<string> Fields);
