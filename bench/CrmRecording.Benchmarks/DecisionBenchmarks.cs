using BenchmarkDotNet.Attributes;
using CrmRecording.Core.Contacts;
using CrmRecording.Core.Decisions;

namespace CrmRecording.Benchmarks;

/// <summary>
/// Decisions per second on one core, from the contact's raw CRM fields: phone parsing, place names,
/// location evidence and the decision. A second benchmark also renders the reasons in words.
/// </summary>
[MemoryDiagnoser]
public class DecisionBenchmarks
{
    private readonly ContactReader _reader = ContactReader.Default;
    private readonly ConsentEngine _engine = ConsentEngine.Create();
    private readonly DateOnly _asOf = new(2026, 11, 24);
    private ContactFields[] _contacts = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _contacts = ExportGenerator.Contacts(1024, seed: 7).ToArray();
    }

    [Benchmark(Description = "parse + decide")]
    public RecordingOutcome Decide()
    {
        var read = _reader.Read(_contacts[_next++ & 1023], _asOf);
        return read.IsValid ? _engine.Decide(read.Input).Outcome : RecordingOutcome.DoNotRecord;
    }

    [Benchmark(Description = "parse + decide + reasons")]
    public int DecideAndExplain()
    {
        var read = _reader.Read(_contacts[_next++ & 1023], _asOf);
        return read.IsValid ? _engine.Decide(read.Input).Reasons.Count : 0;
    }
}
