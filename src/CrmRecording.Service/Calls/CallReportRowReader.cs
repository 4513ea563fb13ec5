using System.Text;
using System.Text.Json;
using CrmRecording.Core.Reports;

namespace CrmRecording.Service.Calls;

/// <summary>
/// Reads the report rows <see cref="CallReportColumns.Bind"/> wrote. The strings a period repeats on every call (CRM,
/// rep, decision, jurisdictions, rules version, consent answer, entity names) are made once per reader and shared by
/// the rows it reads: 100,000 calls hold a few dozen distinct values of each. Not thread-safe: one per thread.
/// </summary>
internal sealed class CallReportRowReader
{
    private const int MaxShared = 4096;
    private readonly Dictionary<string, string> _shared = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public CallReportRowReader() => _lookup = _shared.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The row (UTF-8 JSON), without what the report lists in full (that is in the document).</summary>
    public ReportCallRow Read(ReadOnlySpan<byte> stored, string id)
    {
        var json = new Utf8JsonReader(stored);
        Next(ref json, JsonTokenType.StartArray);
        var crm = Shared(ref json)!;
        var rep = Shared(ref json)!;
        var repName = Shared(ref json);
        var decision = Shared(ref json)!;
        var jurisdictions = SharedList(ref json);
        var deciding = Shared(ref json);
        var rule = Shared(ref json);
        var rules = Shared(ref json)!;
        Next(ref json, JsonTokenType.String);
        var created = json.GetDateTimeOffset();
        var ended = Next(ref json) == JsonTokenType.Null ? (DateTimeOffset?)null : json.GetDateTimeOffset();
        var record = Ref(ref json)!;
        var customer = Ref(ref json)!;
        var activity = Ref(ref json);
        var answer = Shared(ref json);
        var disclosureKind = Shared(ref json);
        var disclosureVersion = Shared(ref json);
        Next(ref json, JsonTokenType.Number);
        var spans = json.GetInt32();
        Next(ref json, JsonTokenType.Number);
        var pausedMs = json.GetInt64();
        var recorded = Next(ref json) == JsonTokenType.True;
        Next(ref json, JsonTokenType.StartArray);
        var vaultIds = new List<string>(1);
        while (Next(ref json) != JsonTokenType.EndArray)
        {
            vaultIds.Add(json.GetString()!);
        }

        return new ReportCallRow(
            id, crm, rep, repName, decision, jurisdictions, deciding, rule, rules, created, ended, record, customer, activity,
            answer is null ? null : new ReportConsentAnswer(answer, disclosureKind!, disclosureVersion!),
            spans, pausedMs, recorded, vaultIds, [], null, []);
    }

    private static JsonTokenType Next(ref Utf8JsonReader json, JsonTokenType? expected = null)
    {
        if (!json.Read() || (expected is { } token && json.TokenType != token))
        {
            throw new InvalidDataException($"A call's report row is not in the form this version writes (at {json.TokenStartIndex}).");
        }

        return json.TokenType;
    }

    private string? Shared(ref Utf8JsonReader json) =>
        Next(ref json) == JsonTokenType.Null ? null : json.ValueIsEscaped ? json.GetString() : Shared(json.ValueSpan);

    private string[] SharedList(ref Utf8JsonReader json)
    {
        Next(ref json, JsonTokenType.StartArray);
        var values = new List<string>(2);
        while (Next(ref json) != JsonTokenType.EndArray)
        {
            values.Add(json.ValueIsEscaped ? json.GetString()! : Shared(json.ValueSpan));
        }

        return [.. values];
    }

    /// <summary><c>crm/entity/id</c>: the CRM's and the entity's names shared, the id the row's own.</summary>
    private ReportCrmRef? Ref(ref Utf8JsonReader json)
    {
        if (Next(ref json) == JsonTokenType.Null)
        {
            return null;
        }

        var text = json.ValueIsEscaped ? Encoding.UTF8.GetBytes(json.GetString()!) : json.ValueSpan;
        var first = text.IndexOf((byte)'/');
        var second = text[(first + 1)..].IndexOf((byte)'/') + first + 1;
        if (first < 0 || second <= first)
        {
            throw new InvalidDataException("A call's report row holds a record reference not in the form crm/entity/id.");
        }

        return new ReportCrmRef(Shared(text[..first]), Shared(text[(first + 1)..second]), Encoding.UTF8.GetString(text[(second + 1)..]));
    }

    private string Shared(ReadOnlySpan<byte> utf8)
    {
        Span<char> chars = utf8.Length <= 256 ? stackalloc char[utf8.Length] : new char[utf8.Length];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        if (_lookup.TryGetValue(chars[..length], out var known))
        {
            return known;
        }

        var made = new string(chars[..length]);
        if (_shared.Count < MaxShared)
        {
            _shared[made] = made;
        }

        return made;
    }
}
