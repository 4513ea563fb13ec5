using System.Text.Json.Serialization;

namespace CrmRecording.Service.Webhooks;

[JsonSerializable(typeof(DataverseStepJob))]
[JsonSerializable(typeof(SalesforceNotificationJob))]
internal sealed partial class WebhookJson : JsonSerializerContext;
