namespace CrmRecording.Emulators.Salesforce.Org;

/// <summary>One object the stand-in's org knows: its key prefix, its fields, its external id fields and its lookups.</summary>
/// <param name="Lookups">Relationship name → (id field, target object), e.g. User's <c>UserRole</c> → (<c>UserRoleId</c>, <c>UserRole</c>).</param>
internal sealed record ObjectSchema(
    string Name,
    string KeyPrefix,
    HashSet<string> Fields,
    HashSet<string> ExternalIds,
    IReadOnlyDictionary<string, (string IdField, string Target)> Lookups,
    bool Writable)
{
    public bool HasField(string field) => Fields.Contains(field);
}
