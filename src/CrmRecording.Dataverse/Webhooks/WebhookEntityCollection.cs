using System.Collections;

namespace CrmRecording.Dataverse.Webhooks;

/// <summary>A list of rows in a webhook body (<c>__type</c> <c>EntityCollection:</c>), e.g. a phone call's from/to parties.</summary>
public sealed record WebhookEntityCollection(string? EntityName, IReadOnlyList<WebhookEntity> Entities, bool MoreRecords, int TotalRecordCount)
    : IReadOnlyList<WebhookEntity>
{
    public int Count => Entities.Count;

    public WebhookEntity this[int index] => Entities[index];

    public IEnumerator<WebhookEntity> GetEnumerator() => Entities.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
