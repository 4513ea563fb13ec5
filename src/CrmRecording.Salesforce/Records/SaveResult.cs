namespace CrmRecording.Salesforce.Records;

/// <summary>The outcome of one record of a create, update or upsert, in the order the records were sent.</summary>
/// <param name="Id">The record's id; null when it was not saved.</param>
/// <param name="Created">For an upsert, whether the record was inserted rather than updated.</param>
public sealed record SaveResult(SalesforceId? Id, bool Success, IReadOnlyList<SaveError> Errors, bool? Created = null)
{
    /// <summary>The first error's message and code, for a log line or a problem detail.</summary>
    public string Describe() => Success ? "saved" : string.Join("; ", Errors.Select(e => e.Code is null ? e.Message : $"{e.Code}: {e.Message}"));
}
