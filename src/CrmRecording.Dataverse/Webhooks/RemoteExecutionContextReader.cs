using System.Text;
using System.Text.Json;

namespace CrmRecording.Dataverse.Webhooks;

/// <summary>
/// Reads the JSON body of a Dataverse webhook delivery. Values are typed: <see cref="WebhookEntity"/>,
/// <see cref="WebhookEntityReference"/>, <see cref="WebhookEntityCollection"/>, <see cref="WebhookOptionSetValue"/>,
/// <see cref="WebhookMoney"/>, a multi-select choice as <c>IReadOnlyList&lt;WebhookOptionSetValue&gt;</c>,
/// <c>/Date(ms)/</c> and <c>/Date(ms±hhmm)/</c> as <see cref="DateTimeOffset"/> (the instant, shown at the
/// given offset), whole numbers as int or long, other numbers as decimal, then string, bool or null.
/// GUID-looking strings stay strings: the consumer knows which columns are ids. Other arrays are
/// <c>IReadOnlyList&lt;object?&gt;</c>; unknown typed objects are <see cref="WebhookUnrecognizedValue"/>.
/// Unknown top-level keys are ignored.
/// </summary>
public static partial class RemoteExecutionContextReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    /// <param name="utf8Json">The request body as received.</param>
    /// <param name="sizeExceeded">
    /// The request carried <c>x-ms-dynamics-msg-size-exceeded</c>: Dataverse dropped the input parameters,
    /// images and parent context, and only the primary entity's name and id are needed.
    /// </param>
    public static RemoteExecutionContextReadResult Read(ReadOnlySpan<byte> utf8Json, bool sizeExceeded = false)
    {
        if (utf8Json.StartsWith(Encoding.UTF8.Preamble))
        {
            utf8Json = utf8Json[Encoding.UTF8.Preamble.Length..];
        }

        if (utf8Json.Trim(" \t\r\n"u8).IsEmpty)
        {
            return RemoteExecutionContextReadResult.Fail("The body is empty.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray(), DocumentOptions);
        }
        catch (JsonException e)
        {
            return RemoteExecutionContextReadResult.Fail($"The body is not valid JSON: {e.Message}");
        }

        using (document)
        {
            try
            {
                return RemoteExecutionContextReadResult.Ok(ReadContext(document.RootElement, string.Empty, sizeExceeded));
            }
            catch (FormatException e)
            {
                // Thrown only by this reader, with the path of the offending value; it becomes the result's error.
                return RemoteExecutionContextReadResult.Fail(e.Message);
            }
        }
    }

    /// <inheritdoc cref="Read(ReadOnlySpan{byte}, bool)"/>
    public static RemoteExecutionContextReadResult Read(string json, bool sizeExceeded = false)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(Encoding.UTF8.GetBytes(json), sizeExceeded);
    }

    private static RemoteExecutionContext ReadContext(JsonElement json, string path, bool truncated)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path.Length == 0 ? "The body" : path.TrimEnd('.'), $"is a JSON {Kind(json)}, not an object");
        }

        var message = String(json, "MessageName", path);
        if (string.IsNullOrEmpty(message) && !truncated)
        {
            throw Invalid(path + "MessageName", message is null ? "is missing" : "is empty");
        }

        var entityName = String(json, "PrimaryEntityName", path);
        if (string.IsNullOrEmpty(entityName))
        {
            throw Invalid(path + "PrimaryEntityName", entityName is null ? "is missing" : "is empty");
        }

        return new RemoteExecutionContext
        {
            MessageName = message ?? string.Empty,
            PrimaryEntityName = entityName,
            PrimaryEntityId = Id(json, "PrimaryEntityId", path) ?? throw Invalid(path + "PrimaryEntityId", "is missing"),
            Stage = Int(json, "Stage", path),
            Mode = Int(json, "Mode", path),
            Depth = Int(json, "Depth", path),
            UserId = Id(json, "UserId", path) ?? Guid.Empty,
            InitiatingUserId = Id(json, "InitiatingUserId", path) ?? Guid.Empty,
            InitiatingUserAzureActiveDirectoryObjectId = Id(json, "InitiatingUserAzureActiveDirectoryObjectId", path),
            CorrelationId = Id(json, "CorrelationId", path) ?? Guid.Empty,
            OperationId = Id(json, "OperationId", path) ?? Guid.Empty,
            OrganizationId = Id(json, "OrganizationId", path) ?? Guid.Empty,
            OrganizationName = String(json, "OrganizationName", path),
            BusinessUnitId = Id(json, "BusinessUnitId", path),
            RequestId = Id(json, "RequestId", path),
            OperationCreatedOn = Date(json, "OperationCreatedOn", path),
            SecondaryEntityName = String(json, "SecondaryEntityName", path),
            OwningExtension = Field(json, "OwningExtension") is { } owner ? ReadEntityReference(owner, path + "OwningExtension") : null,
            InputParameters = Pairs(json, "InputParameters", path, ReadValue),
            OutputParameters = Pairs(json, "OutputParameters", path, ReadValue),
            PreEntityImages = Pairs(json, "PreEntityImages", path, ReadEntity),
            PostEntityImages = Pairs(json, "PostEntityImages", path, ReadEntity),
            SharedVariables = Pairs(json, "SharedVariables", path, ReadValue),
            ParentContext = Field(json, "ParentContext") is { } parent ? ReadContext(parent, path + "ParentContext.", truncated: false) : null,
            Truncated = truncated,
        };
    }

    /// <summary>Reads a <c>[{"key":...,"value":...}]</c> array into a dictionary; missing or null is empty.</summary>
    private static Dictionary<string, T> Pairs<T>(JsonElement owner, string name, string path, Func<JsonElement, string, T> readValue)
    {
        var pairs = new Dictionary<string, T>(StringComparer.Ordinal);
        if (Field(owner, name) is not { } array)
        {
            return pairs;
        }

        var where = path + name;
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(where, $"is a JSON {Kind(array)}, not an array of key/value pairs");
        }

        var index = 0;
        foreach (var pair in array.EnumerateArray())
        {
            if (pair.ValueKind != JsonValueKind.Object || String(pair, "key", string.Empty) is not { } key)
            {
                throw Invalid($"{where}[{index}]", "is not a {\"key\":...,\"value\":...} pair with a string key");
            }

            var itemPath = $"{where}[{key}]";
            if (!pairs.TryAdd(key, readValue(pair.TryGetProperty("value", out var value) ? value : default, itemPath)))
            {
                throw Invalid(itemPath, "appears twice");
            }

            index++;
        }

        return pairs;
    }

    private static JsonElement? Field(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string? String(JsonElement owner, string name, string path) => Field(owner, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        var v => throw Invalid(path + name, $"is a JSON {Kind(v.Value)}, not a string"),
    };

    private static int Int(JsonElement owner, string name, string path) => Field(owner, name) switch
    {
        null => 0,
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt32(out var i) => i,
        var v => throw Invalid(path + name, $"is {Describe(v.Value)}, not a whole number"),
    };

    private static Guid? Id(JsonElement owner, string name, string path) => String(owner, name, path) switch
    {
        null => null,
        var s when Guid.TryParse(s, out var id) => id,
        var s => throw Invalid(path + name, $"is not a GUID: '{s}'"),
    };

    private static DateTimeOffset? Date(JsonElement owner, string name, string path) => String(owner, name, path) switch
    {
        null => null,
        var s => TryDate(s, path + name) ?? throw Invalid(path + name, $"is not a /Date(ms)/ value: '{s}'"),
    };

    private static FormatException Invalid(string path, string problem) => new($"{path} {problem}.");

    private static string Kind(JsonElement json) => json.ValueKind.ToString().ToLowerInvariant();

    private static string Describe(JsonElement json) =>
        json.ValueKind is JsonValueKind.String or JsonValueKind.Number ? $"'{json.GetRawText().Trim('"')}'" : $"a JSON {Kind(json)}";
}
