using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmRecording.Emulators.Dataverse.Http;
using CrmRecording.Emulators.Dataverse.Metadata;
using CrmRecording.Emulators.Dataverse.Store;

namespace CrmRecording.Emulators.Dataverse.Operations;

/// <summary>
/// Reads a POST or PATCH body: <c>x@odata.bind</c> values (<c>/contacts(id)</c>, <c>contacts(id)</c> or an
/// absolute URL) become lookups after checking the target row exists; arrays under a known collection-valued
/// navigation property (<c>phonecall_activity_parties</c>) become deep inserts.
/// </summary>
internal static class WriteRequestReader
{
    private const string BindSuffix = "@odata.bind";

    /// <summary>Navigation properties whose lookup column is not the navigation name with the table suffix removed.</summary>
    private static readonly Dictionary<string, string> IrregularNavigations = new(StringComparer.Ordinal)
    {
        ["eventhandler_serviceendpoint"] = "eventhandler",
        ["eventhandler_plugintype"] = "eventhandler",
    };

    public static WriteRequest Read(JsonObject body, TableDefinition table, RowStore store, bool allowChildren)
    {
        var columns = new JsonObject();
        var changed = new List<string>();
        var children = new List<DeepInsert>();
        Guid? key = null;
        foreach (var (name, value) in body)
        {
            if (name.EndsWith(BindSuffix, StringComparison.Ordinal))
            {
                var navigation = name[..^BindSuffix.Length];
                changed.Add(Bind(columns, table, navigation, value, store));
            }
            else if (name.StartsWith('@'))
            {
                // Instance annotations such as @odata.type carry no column.
                continue;
            }
            else if (value is JsonArray rows)
            {
                var navigation = TableCatalog.FindCollection(table.LogicalName, name) ?? throw PropertyNotFound(name, table);
                if (!allowChildren)
                {
                    throw new WebApiErrorException(WebApiError.NotImplemented($"deep insert through '{name}' on update"));
                }

                children.Add(new DeepInsert(navigation, rows.Select(r => ReadChild(r, navigation, store)).ToList()));
            }
            else if (value is JsonObject)
            {
                throw new WebApiErrorException(WebApiError.NotImplemented($"deep insert of a single-valued navigation property ('{name}')"));
            }
            else
            {
                if (!IsLogicalName(name) || RowColumns.TryGetLookupAttribute(name, out _))
                {
                    throw PropertyNotFound(name, table);
                }

                if (name == table.PrimaryId)
                {
                    key = value is JsonValue v && v.TryGetValue<string>(out var text) && Guid.TryParse(text, out var id)
                        ? id
                        : throw new WebApiErrorException(WebApiError.BadRequest($"Cannot convert the literal '{value?.ToJsonString()}' to the expected type 'Edm.Guid'."));
                }

                columns[name] = value?.DeepClone();
                changed.Add(name);
            }
        }

        return new WriteRequest(columns, changed, key, children);
    }

    /// <summary>
    /// The lookup column behind a navigation property: <c>regardingobjectid_opportunity_phonecall</c> on phonecall
    /// and <c>partyid_contact</c> on activityparty both drop their table suffixes (<c>regardingobjectid</c>,
    /// <c>partyid</c>); single-table lookups (<c>parentsystemuserid</c>, <c>crr_PhoneCallId</c>) are the
    /// navigation name in lower case.
    /// </summary>
    public static string LookupAttribute(string navigation, string ownerTable, string targetTable)
    {
        if (IrregularNavigations.TryGetValue(navigation, out var irregular))
        {
            return irregular;
        }

        var name = navigation.ToLowerInvariant();
        var ownerSuffix = "_" + ownerTable;
        var targetSuffix = "_" + targetTable;
        if (name.EndsWith(ownerSuffix, StringComparison.Ordinal))
        {
            var withoutOwner = name[..^ownerSuffix.Length];
            if (withoutOwner.EndsWith(targetSuffix, StringComparison.Ordinal) || withoutOwner.EndsWith("id", StringComparison.Ordinal))
            {
                name = withoutOwner;
            }
        }

        if (name.EndsWith(targetSuffix, StringComparison.Ordinal) && name[..^targetSuffix.Length].EndsWith("id", StringComparison.Ordinal))
        {
            name = name[..^targetSuffix.Length];
        }

        return name;
    }

    private static string Bind(JsonObject columns, TableDefinition table, string navigation, JsonNode? value, RowStore store)
    {
        if (value is not JsonValue text || !text.TryGetValue<string>(out var reference))
        {
            throw new WebApiErrorException(value is JsonArray
                ? WebApiError.NotImplemented($"collection binds ('{navigation}@odata.bind' with an array)")
                : WebApiError.BadRequest($"The value of '{navigation}@odata.bind' must be a URI of an entity, such as '/contacts(00000000-0000-0000-0000-000000000001)'."));
        }

        var parsed = ResourcePath.ParseReference(reference)
            ?? throw new WebApiErrorException(WebApiError.BadRequest($"The URI '{reference}' in '{navigation}@odata.bind' is not a valid entity reference."));
        var target = TableCatalog.FindBySet(parsed.EntitySet)
            ?? throw new WebApiErrorException(WebApiError.SegmentNotFound(parsed.EntitySet) with { Status = HttpStatusCode.BadRequest });
        if (!store.Exists(target.LogicalName, parsed.Id))
        {
            throw new WebApiErrorException(WebApiError.DoesNotExist(target.LogicalName, parsed.Id));
        }

        var attribute = LookupAttribute(navigation, table.LogicalName, target.LogicalName);
        RowColumns.SetLookup(columns, attribute, parsed.Id, target.LogicalName, navigation);
        return attribute;
    }

    private static WriteRequest ReadChild(JsonNode? node, CollectionNavigation navigation, RowStore store) =>
        node is JsonObject child
            ? Read(child, TableCatalog.GetByLogicalName(navigation.ChildTable), store, allowChildren: false)
            : throw new WebApiErrorException(WebApiError.BadRequest($"Each item of '{navigation.Name}' must be an object."));

    private static bool IsLogicalName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');

    private static WebApiErrorException PropertyNotFound(string name, TableDefinition table) =>
        new(WebApiError.BadRequest($"Could not find a property named '{name}' on type 'Microsoft.Dynamics.CRM.{table.LogicalName}'."));

    public static JsonObject ParseBody(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject
                ?? throw new WebApiErrorException(WebApiError.BadRequest("The request body must be a JSON object."));
        }
        catch (JsonException exception)
        {
            throw new WebApiErrorException(WebApiError.BadRequest($"The request body is not valid JSON: {exception.Message}"));
        }
    }
}
