using CrmRecording.Dataverse.Webhooks;
using CrmRecording.Plugins;
using CrmRecording.Plugins.Registration;

namespace CrmRecording.Service.Webhooks;

/// <summary>Turns Dataverse's RemoteExecutionContext into the CRM-neutral <see cref="StepContext"/> the steps take.</summary>
internal static class StepContextMapper
{
    public static StepContext Map(RemoteExecutionContext c, DateTimeOffset now) => new()
    {
        Message = c.MessageName,
        Table = c.PrimaryEntityName,
        RecordId = c.PrimaryEntityId,
        Stage = (StepStage)c.Stage,
        Mode = (StepMode)c.Mode,
        Depth = c.Depth,
        UserId = c.InitiatingUserId != Guid.Empty ? c.InitiatingUserId : c.UserId,
        CorrelationId = c.CorrelationId,
        RequestId = (c.RequestId ?? c.OperationId).ToString(),
        Target = c.TargetEntity is { } target ? Columns(target) : new Dictionary<string, object?>(),
        PreImage = c.PreEntityImages.Values.FirstOrDefault() is { } pre ? Columns(pre) : null,
        PostImage = c.PostEntityImages.Values.FirstOrDefault() is { } post ? Columns(post) : null,
        Truncated = c.Truncated,
        Now = now,
    };

    private static Dictionary<string, object?> Columns(WebhookEntity entity) =>
        entity.Attributes.ToDictionary(a => a.Key, a => Value(a.Value), StringComparer.OrdinalIgnoreCase);

    private static object? Value(object? value) => value switch
    {
        WebhookEntityReference r => new RecordReference(r.LogicalName, r.Id, r.Name),
        WebhookOptionSetValue o => new OptionValue(o.Value),
        WebhookMoney m => m.Value,
        WebhookEntityCollection collection => collection.Select(e => (IReadOnlyDictionary<string, object?>)Columns(e)).ToList(),
        WebhookEntity entity => Columns(entity),
        IEnumerable<WebhookOptionSetValue> options => options.Select(o => new OptionValue(o.Value)).ToArray(),
        _ => value,
    };
}
