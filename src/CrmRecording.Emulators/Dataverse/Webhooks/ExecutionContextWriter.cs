using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmRecording.Emulators.Dataverse.Operations;
using CrmRecording.Emulators.Dataverse.Store;

namespace CrmRecording.Emulators.Dataverse.Webhooks;

/// <summary>
/// Serializes a step execution as Dataverse posts it to a webhook: the JSON of
/// <c>Microsoft.Xrm.Sdk.RemoteExecutionContext</c> with members in alphabetical order, collections as
/// <c>{key,value}</c> arrays and forward slashes escaped (<c>\/</c>), following the sample in Microsoft's
/// "Use webhooks" article. Asynchronous steps carry the main operation as <c>ParentContext</c> (stage 30)
/// and the <c>AsynchronousStepPrimaryName</c> post image, as that sample does.
/// </summary>
internal sealed class ExecutionContextWriter(XrmValueWriter values, DataverseStandInOptions options)
{
    /// <summary>Above 256 KB Dataverse drops ParentContext, InputParameters and the images and says so in a header.</summary>
    public const int SizeLimit = 256 * 1024;

    private const int MainOperationStage = 30;

    // The body is JSON for a service, never HTML, so only what JSON itself requires is escaped
    // (the default encoder would turn "+1415..." into "\u002B1415...", which Dataverse does not do).
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public (string Body, bool Trimmed) Write(ExecutionContextInput input)
    {
        var full = Serialize(input, trimmed: false);
        return Encoding.UTF8.GetByteCount(full) <= SizeLimit ? (full, false) : (Serialize(input, trimmed: true), true);
    }

    private string Serialize(ExecutionContextInput input, bool trimmed)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteContext(writer, input, input.Step.Stage, isParent: false, trimmed);
        }

        // '/' only ever occurs inside JSON strings, so escaping every one yields "\/Date(...)\/" and
        // "http:\/\/schemas..." exactly as the data contract serializer writes them.
        return Encoding.UTF8.GetString(buffer.WrittenSpan).Replace("/", "\\/", StringComparison.Ordinal);
    }

    private void WriteContext(Utf8JsonWriter writer, ExecutionContextInput input, int stage, bool isParent, bool trimmed)
    {
        var (ev, step) = (input.Event, input.Step);
        var asynchronous = !step.IsSynchronous;
        writer.WriteStartObject();
        writer.WriteString("BusinessUnitId", Seed.SeedData.BusinessUnitId.ToString("D"));
        writer.WriteString("CorrelationId", ev.Operation.CorrelationId.ToString("D"));
        writer.WriteNumber("Depth", ev.Operation.Depth);
        writer.WriteString("InitiatingUserAzureActiveDirectoryObjectId", input.InitiatingUserEntraObjectId.ToString("D"));
        writer.WriteString("InitiatingUserId", ev.Operation.UserId.ToString("D"));
        if (!trimmed)
        {
            WriteInputParameters(writer, ev, isParent);
        }

        writer.WriteBoolean("IsExecutingOffline", false);
        writer.WriteBoolean("IsInTransaction", !asynchronous && stage != (int)StepStage.PreValidation);
        writer.WriteBoolean("IsOfflinePlayback", false);
        writer.WriteNumber("IsolationMode", 1);
        writer.WriteString("MessageName", ev.Message);
        writer.WriteNumber("Mode", step.Mode);
        writer.WritePropertyName("OperationCreatedOn");
        XrmValueWriter.WriteDate(writer, input.CreatedOn, withOffset: true);
        writer.WriteString("OperationId", input.OperationId.ToString("D"));
        writer.WriteString("OrganizationId", options.OrganizationId.ToString("D"));
        writer.WriteString("OrganizationName", options.OrganizationName);
        WriteOutputParameters(writer, ev, stage, isParent);
        writer.WritePropertyName("OwningExtension");
        XrmValueWriter.WriteEntityReference(writer, "sdkmessageprocessingstep", step.Id, step.Name, typed: false);
        if (!trimmed)
        {
            writer.WritePropertyName("ParentContext");
            if (asynchronous && !isParent)
            {
                WriteContext(writer, input, MainOperationStage, isParent: true, trimmed: false);
            }
            else
            {
                writer.WriteNullValue();
            }

            WriteImages(writer, "PostEntityImages", ev, isParent ? [] : PostImages(ev, step, stage));
            WriteImages(writer, "PreEntityImages", ev, isParent ? [] : PreImages(ev, step));
        }

        writer.WriteString("PrimaryEntityId", ev.Id.ToString("D"));
        writer.WriteString("PrimaryEntityName", ev.Table.LogicalName);
        if (input.RequestId is { } requestId && !isParent)
        {
            writer.WriteString("RequestId", requestId.ToString("D"));
        }
        else
        {
            writer.WriteNull("RequestId");
        }

        writer.WriteString("SecondaryEntityName", "none");
        writer.WriteStartArray("SharedVariables");
        writer.WriteEndArray();
        writer.WriteNumber("Stage", stage);
        writer.WriteString("UserId", ev.Operation.UserId.ToString("D"));
        writer.WriteEndObject();
    }

    private void WriteInputParameters(Utf8JsonWriter writer, DataEvent ev, bool isParent)
    {
        writer.WriteStartArray("InputParameters");
        writer.WriteStartObject();
        writer.WriteString("key", "Target");
        writer.WritePropertyName("value");
        if (ev.Message == "Delete")
        {
            XrmValueWriter.WriteEntityReference(writer, ev.Table.LogicalName, ev.Id);
        }
        else
        {
            values.WriteEntity(writer, ev.Table.LogicalName, ev.Id, ev.Target, typed: true, extraAttributes: w => WritePartyLists(w, ev), include: c => c != "versionnumber");
        }

        writer.WriteEndObject();
        if (isParent)
        {
            writer.WriteStartObject();
            writer.WriteString("key", "SuppressDuplicateDetection");
            writer.WriteBoolean("value", false);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private void WritePartyLists(Utf8JsonWriter writer, DataEvent ev)
    {
        foreach (var (name, mask) in new[] { ("from", 1), ("to", 2) })
        {
            var parties = ev.Parties.Where(p => RowColumns.GetInt(p, "participationtypemask") == mask).ToList();
            if (parties.Count == 0)
            {
                continue;
            }

            writer.WriteStartObject();
            writer.WriteString("key", name);
            writer.WritePropertyName("value");
            values.WritePartyList(writer, parties);
            writer.WriteEndObject();
        }
    }

    private static void WriteOutputParameters(Utf8JsonWriter writer, DataEvent ev, int stage, bool isParent)
    {
        writer.WriteStartArray("OutputParameters");
        if (ev.Message == "Create" && stage == (int)StepStage.PostOperation && !isParent)
        {
            writer.WriteStartObject();
            writer.WriteString("key", "id");
            writer.WriteString("value", ev.Id.ToString("D"));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static List<EntityImage> PreImages(DataEvent ev, RegisteredStep step) =>
        ev.Before is not { } before || ev.Message == "Create"
            ? []
            : step.Images.Where(i => i.IsPre).Select(i => new EntityImage(i.Alias, before, i.Attributes)).ToList();

    private static List<EntityImage> PostImages(DataEvent ev, RegisteredStep step, int stage)
    {
        if (ev.After is not { } after || stage != (int)StepStage.PostOperation)
        {
            return [];
        }

        var images = step.Images.Where(i => i.IsPost).Select(i => new EntityImage(i.Alias, after, i.Attributes)).ToList();
        if (!step.IsSynchronous && ev.Table.PrimaryName is { } primaryName)
        {
            images.Add(new EntityImage("AsynchronousStepPrimaryName", after, new HashSet<string>(StringComparer.Ordinal) { primaryName, ev.Table.PrimaryId }));
        }

        return images;
    }

    private void WriteImages(Utf8JsonWriter writer, string name, DataEvent ev, IReadOnlyList<EntityImage> images)
    {
        writer.WriteStartArray(name);
        foreach (var image in images)
        {
            writer.WriteStartObject();
            writer.WriteString("key", image.Alias);
            writer.WritePropertyName("value");
            values.WriteEntity(writer, ev.Table.LogicalName, ev.Id, image.Row, typed: false, include: image.Attributes.Count == 0 ? null : image.Attributes.Contains);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>An entity image: a row as it was before or after the operation, limited to the registered columns (none: all).</summary>
    private sealed record EntityImage(string Alias, JsonObject Row, IReadOnlySet<string> Attributes);
}
