using BenchmarkDotNet.Attributes;
using CrmRecording.Core.Contacts;
using CrmRecording.Core.Decisions;
using CrmRecording.Core.Location;
using CrmRecording.Core.Phones;
using Lib = PhoneNumbers;

namespace CrmRecording.Benchmarks;

/// <summary>
/// Decisions per second on one core, from the contact's raw CRM fields: phone parsing, place names,
/// location evidence and the decision. A second benchmark also renders the reasons in words. Phone readings are
/// cached per distinct number by default (exports repeat numbers); the "uncached" benchmarks read and analyse every
/// number afresh, and libphonenumber-csharp's own Parse + IsValidNumber on the same inputs is the peer.
/// </summary>
[MemoryDiagnoser]
public class DecisionBenchmarks
{
    private static readonly Lib.PhoneNumberUtil Libphonenumber = Lib.PhoneNumberUtil.GetInstance();
    private readonly ContactReader _reader = ContactReader.Default;
    private readonly PhoneNumberParser _uncachedParser = new(PhoneNumberingPlan.Default, cacheSize: 0);
    private readonly ContactReader _uncachedReader = new(new PhoneNumberParser(PhoneNumberingPlan.Default, cacheSize: 0), PlaceDirectory.Default);
    private readonly ConsentEngine _engine = ConsentEngine.Create();
    private readonly DateOnly _asOf = new(2026, 11, 24);
    private ContactFields[] _contacts = [];
    private DecisionInput[] _inputs = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _contacts = ExportGenerator.Contacts(1024, seed: 7).ToArray();
        _inputs = _contacts.Select(c => _reader.Read(c, _asOf)).Where(r => r.IsValid).Select(r => r.Input!).ToArray();
    }

    [Benchmark(Description = "phone parse")]
    public bool Parse() => PhoneNumberParser.Default.Parse(_contacts[_next++ & 1023].Phone, "US").IsValid;

    [Benchmark(Description = "phone parse + analysis (uncached)")]
    public PhoneNumberType ParseUncached()
    {
        var parsed = _uncachedParser.Parse(_contacts[_next++ & 1023].Phone, "US");
        return parsed.IsValid ? PhoneNumberingPlan.Default.Analyze(parsed.Number).Type : PhoneNumberType.Unknown;
    }

    [Benchmark(Description = "libphonenumber-csharp Parse + IsValidNumber (peer)")]
    public bool ParseLibphonenumber()
    {
        try
        {
            return Libphonenumber.IsValidNumber(Libphonenumber.Parse(_contacts[_next++ & 1023].Phone, "US"));
        }
        catch (Lib.NumberParseException)
        {
            return false;
        }
    }

    [Benchmark(Description = "read contact fields")]
    public bool Read() => _reader.Read(_contacts[_next++ & 1023], _asOf).IsValid;

    [Benchmark(Description = "decide (fields already read)")]
    public RecordingOutcome DecideOnly() => _engine.Decide(_inputs[_next++ % _inputs.Length]).Outcome;

    [Benchmark(Description = "parse + decide")]
    public RecordingOutcome Decide()
    {
        var read = _reader.Read(_contacts[_next++ & 1023], _asOf);
        return read.IsValid ? _engine.Decide(read.Input).Outcome : RecordingOutcome.DoNotRecord;
    }

    [Benchmark(Description = "parse + decide (uncached)")]
    public RecordingOutcome DecideUncached()
    {
        var read = _uncachedReader.Read(_contacts[_next++ & 1023], _asOf);
        return read.IsValid ? _engine.Decide(read.Input).Outcome : RecordingOutcome.DoNotRecord;
    }

    [Benchmark(Description = "parse + decide + reasons")]
    public int DecideAndExplain()
    {
        var read = _reader.Read(_contacts[_next++ & 1023], _asOf);
        return read.IsValid ? _engine.Decide(read.Input).Reasons.Count : 0;
    }
}
