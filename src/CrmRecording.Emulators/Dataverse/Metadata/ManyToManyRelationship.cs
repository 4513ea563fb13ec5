namespace CrmRecording.Emulators.Dataverse.Metadata;

/// <summary>
/// A many-to-many relationship; Dataverse names the collection-valued navigation property after the
/// relationship on both tables (<c>systemusers(id)/systemuserroles_association</c> and
/// <c>roles(id)/systemuserroles_association</c>).
/// </summary>
internal sealed record ManyToManyRelationship(string Name, string Table1, string Table2)
{
    public string? OtherTable(string table) =>
        string.Equals(table, Table1, StringComparison.Ordinal) ? Table2
        : string.Equals(table, Table2, StringComparison.Ordinal) ? Table1
        : null;
}
