using System.Text.Json.Serialization;

namespace CrmRecording.Service.Webhooks;

[JsonSerializable(typeof(DataverseStepJob))]
internal sealed partial class WebhookJson : JsonSerializerContext;
