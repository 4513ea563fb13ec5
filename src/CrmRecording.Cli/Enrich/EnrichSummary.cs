using CrmRecording.Core.Decisions;

namespace CrmRecording.Cli.Enrich;

/// <summary>Counts of an enrich run: rows per decision, per deciding jurisdiction, and rows with errors.</summary>
internal sealed class EnrichSummary
{
    private const int ErrorExamples = 5;

    public long Rows { get; private set; }

    public long Errors { get; private set; }

    public Dictionary<string, long> ByDecision { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> ByJurisdiction { get; } = new(StringComparer.Ordinal);

    public List<string> FirstErrors { get; } = [];

    public void Add(long line, EnrichedRow row)
    {
        Rows++;
        if (row.Decision is not { } d)
        {
            Errors++;
            if (FirstErrors.Count < ErrorExamples)
            {
                FirstErrors.Add($"line {line}: {row.Error}");
            }

            return;
        }

        Increment(ByDecision, d.Outcome.ToWireName());
        Increment(ByJurisdiction, d.Deciding?.Code.Value ?? "(location unknown)");
    }

    private static void Increment(Dictionary<string, long> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}
