using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CrmRecording.Core.Decisions;
using CrmRecording.Core.Phones;
using CrmRecording.Emulators.Salesforce.Journal;
using CrmRecording.Emulators.Salesforce.Seed;
using CrmRecording.Service.Calls;
using CrmRecording.Service.Crm;
using CrmRecording.Service.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Service.Tests.Crm;

/// <summary>
/// The service and the sfdx package must never drift: every custom name the code uses is defined in the package, and
/// every custom field the Salesforce adapter reads or writes during a call exists on that object with a type (and,
/// for picklists and text, values and length) that accepts what is sent.
/// </summary>
public sealed partial class SalesforcePackageSchemaTests : IDisposable
{
    private static readonly SalesforcePackageSchema Package = SalesforcePackageSchema.Load();

    private readonly ServiceFactory _factory = new();

    public SalesforcePackageSchemaTests()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public void SourceCode_EveryCustomObjectOrFieldNamed_IsDefinedInThePackage()
    {
        var src = Path.Combine(SalesforcePackageSchema.RepositoryRoot(), "src");
        var named = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => CustomName().Matches(File.ReadAllText(f)).Select(m => (Name: m.Value, File: Path.GetRelativePath(src, f))))
            .ToList();
        var known = Package.Objects.Concat(Package.Fields.Keys.Select(k => k.Field)).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(named);
        Assert.Empty(named.Where(n => !known.Contains(n.Name)).Select(n => $"{n.Name} ({n.File})").Distinct());
    }

    [Fact]
    public async Task CallWriteBack_EveryCustomFieldReadOrWritten_ExistsWithACompatibleType()
    {
        var standIn = _factory.Services.GetRequiredService<SandboxSalesforce>().StandIn;
        var port = _factory.Services.GetRequiredService<CallCrms>().For(CrmRecordRef.Salesforce);
        standIn.Requests.Clear();

        await port.GetTargetAsync(new CrmRecordRef(CrmRecordRef.Salesforce, "Lead", SalesforceSeed.Leads.SeattleProspect));
        var target = (await port.GetTargetAsync(new CrmRecordRef(CrmRecordRef.Salesforce, "Opportunity", SalesforceSeed.Opportunities.FleetRenewal)))!;
        var rep = (await port.GetRepAsync(new CrmRecordRef(CrmRecordRef.Salesforce, "user", SalesforceSeed.Users.SalesRep)))!;
        var call = TestCalls.ToRecordAfterConsent(CrmRecordRef.Salesforce, target, rep.User, TimeProvider.System.GetUtcNow());
        var task = await port.CreatePhoneCallAsync(call, "Call with Ana Reyes");
        call = call with { PhoneCallId = task.Key, ActivityRef = task, PausedSpans = [] };
        var granted = new ConsentEvent("consent-granted", call.CreatedAt.AddSeconds(9), "granted", "keypad", "1", "consent-question", "1", "en-US", ["US-CA"], call.Id);
        call = call with { ConsentEvents = [granted] };
        await port.EnsureConsentLogAsync(call, granted);
        await port.UpdatePhoneCallAsync(call.PhoneCallId!.Value, "https://media.example/recordings/0f0e0d0c0b0a09080706050403020100", 42, call);

        var used = standIn.Requests.All.SelectMany(Uses).Where(u => u.Field.EndsWith("__c", StringComparison.Ordinal)).ToList();

        Assert.Contains(used, u => u.Object == "Contact" && u.Field == "Recording_Do_Not_Record__c");
        Assert.Contains(used, u => u.Object == "Call_Recording__c" && u.Field == "Recorded_Seconds__c" && u.Value is JsonValue);
        Assert.Contains(used, u => u.Object == "Consent_Log__c" && u.Field == "At__c" && u.Value is JsonValue);
        Assert.Empty(used.Select(Incompatibility).OfType<string>().Distinct());
    }

    [Fact]
    public void Picklists_HoldEveryValueTheEngineWrites()
    {
        var decisions = Enum.GetValues<RecordingOutcome>().Select(o => o.ToWireName());
        var devices = Enum.GetValues<DeviceType>().Select(d => d.ToWireName());
        foreach (var (obj, field, values) in new[]
        {
            ("Call_Recording__c", "Decision__c", decisions), ("Contact", "Recording_Decision__c", decisions), ("Lead", "Recording_Decision__c", decisions),
            ("Contact", "Recording_Device_Type__c", devices), ("Lead", "Recording_Device_Type__c", devices),
            ("Contact", "Recording_Consent_Status__c", ["unknown", "granted", "declined", "revoked"]),
        })
        {
            Assert.Subset(SalesforcePackageSchema.Picklist(Package.Fields[(obj, field)]).Values.ToHashSet(), values.ToHashSet());
        }
    }

    /// <summary>Why the package's field would refuse the value; null when it accepts it.</summary>
    private static string? Incompatibility((string Object, string Field, JsonNode? Value) use)
    {
        if (!Package.Fields.TryGetValue((use.Object, use.Field), out var field))
        {
            return $"{use.Object}.{use.Field} is not in the package";
        }

        var type = SalesforcePackageSchema.Text(field, "type");
        var where = $"{use.Object}.{use.Field} ({type})";
        if (use.Value is null)
        {
            return null; // read in a query, or cleared: any type takes it
        }

        if (use.Value is not JsonValue value)
        {
            return $"{where} was sent {use.Value.ToJsonString()}";
        }

        if (value.TryGetValue<bool>(out _))
        {
            return type == "Checkbox" ? null : $"{where} was sent a boolean";
        }

        if (value.TryGetValue<double>(out _))
        {
            return type == "Number" ? null : $"{where} was sent a number";
        }

        var text = value.GetValue<string>();
        return type switch
        {
            "Text" or "LongTextArea" when text.Length > int.Parse(SalesforcePackageSchema.Text(field, "length")!, CultureInfo.InvariantCulture) => $"{where} is shorter than the {text.Length} characters sent",
            "Text" or "LongTextArea" or "Url" => null,
            "Lookup" => Regex.IsMatch(text, "^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$") ? null : $"{where} was sent '{text}', not a record id",
            "Date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? null : $"{where} was sent '{text}'",
            "DateTime" => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? null : $"{where} was sent '{text}'",
            "Picklist" when SalesforcePackageSchema.Picklist(field) is { Restricted: true } picklist && !picklist.Values.Contains(text) => $"{where} refuses '{text}'",
            "Picklist" => null,
            _ => $"{where} was sent the text '{text}'",
        };
    }

    /// <summary>The (object, field, value) pairs one request reads (value null) or writes.</summary>
    private static IEnumerable<(string Object, string Field, JsonNode? Value)> Uses(SalesforceRequest request)
    {
        if (request.Soql is { } soql && TopLevelSelect().Match(soql) is { Success: true } select)
        {
            return select.Groups["fields"].Value.Split(',').Select(f => (select.Groups["object"].Value, f.Trim(), (JsonNode?)null));
        }

        if (!request.Url.AbsolutePath.StartsWith("/services/data/", StringComparison.Ordinal))
        {
            return []; // the login host's token requests
        }

        var path = request.Url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).SkipWhile(s => s != "data").Skip(2).ToArray();
        var body = request.Body.Length > 0 ? JsonNode.Parse(request.Body) : null;
        return path switch
        {
            ["sobjects", var type, ..] when body is JsonObject fields => Fields(type, fields),
            ["sobjects", var type, ..] => Uri.UnescapeDataString(request.Url.Query).Split("fields=").Skip(1).SelectMany(l => l.Split('&')[0].Split(',')).Select(f => (type, f, (JsonNode?)null)),
            ["composite", "sobjects", ..] when body?["records"] is JsonArray records => records.OfType<JsonObject>().SelectMany(r => Fields((string)r["attributes"]!["type"]!, r)),
            _ => [],
        };
    }

    private static IEnumerable<(string, string, JsonNode?)> Fields(string type, JsonObject record) =>
        record.Where(p => p.Key != "attributes").Select(p => (type, p.Key, p.Value));

    [GeneratedRegex("[A-Za-z_]+__c")]
    private static partial Regex CustomName();

    /// <summary><c>SELECT a, b FROM Object ...</c> without subqueries in the select list.</summary>
    [GeneratedRegex(@"^\s*SELECT\s+(?<fields>[^()]+?)\s+FROM\s+(?<object>\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex TopLevelSelect();
}
