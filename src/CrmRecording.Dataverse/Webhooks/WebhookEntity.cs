namespace CrmRecording.Dataverse.Webhooks;

/// <summary>
/// A row as serialized in a webhook body (<c>__type</c> <c>Entity:</c>, and every image): its columns with
/// typed values (see <see cref="RemoteExecutionContextReader"/>) and their formatted labels.
/// </summary>
public sealed record WebhookEntity(
    string LogicalName,
    Guid Id,
    IReadOnlyDictionary<string, object?> Attributes,
    IReadOnlyDictionary<string, string?> FormattedValues,
    string? RowVersion = null)
{
    /// <summary>The column's value, or null when the column is absent or null (<see cref="Attributes"/> tells which).</summary>
    public object? Value(string column) => Attributes.TryGetValue(column, out var value) ? value : null;
}
