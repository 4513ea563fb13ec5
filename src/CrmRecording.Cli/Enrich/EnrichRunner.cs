using System.Globalization;
using System.Text;
using CrmRecording.Core.Contacts;
using CrmRecording.Core.Decisions;
using CsvHelper;
using CsvHelper.Configuration;

namespace CrmRecording.Cli.Enrich;

/// <summary>
/// Streams a CRM export through the consent engine: every input row comes out, in order, with its
/// decision columns or its error. Rows are decided in batches across the cores; memory stays flat
/// whatever the file size.
/// </summary>
internal sealed class EnrichRunner(ContactReader reader, ConsentEngine engine, DateOnly asOf, string? repRegion, string? defaultCountry)
{
    private const int BatchSize = 2048;

    public EnrichSummary Run(TextReader input, TextWriter output, IEnumerable<string> map, Action<long>? rowsDone, CancellationToken cancellationToken)
    {
        string? badData = null;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = args => badData ??= args.RawRecord,
            IgnoreBlankLines = true,
        };
        using var parser = new CsvParser(input, config, leaveOpen: true);
        if (!parser.Read())
        {
            throw new UsageException("--in: the file is empty; it needs a header row naming the columns.");
        }

        var header = parser.Record!;
        var columns = ColumnMap.Create(header, map);
        var layout = new OutputLayout(header);
        using var csv = new CsvWriter(output, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var name in layout.Header)
        {
            csv.WriteField(name);
        }

        csv.NextRecord();
        var summary = new EnrichSummary();
        var batch = new List<InputRow>(BatchSize);
        var results = new EnrichedRow[BatchSize];
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            batch.Clear();
            while (batch.Count < BatchSize && parser.Read())
            {
                batch.Add(new InputRow(parser.Record!, parser.RawRow, badData));
                badData = null;
            }

            if (batch.Count == 0)
            {
                break;
            }

            Parallel.For(0, batch.Count, i => results[i] = Process(batch[i], header, columns));
            for (var i = 0; i < batch.Count; i++)
            {
                layout.Write(csv, batch[i].Fields, results[i].Values(engine.Versions.Rules));
                csv.NextRecord();
                summary.Add(batch[i].Line, results[i]);
            }

            rowsDone?.Invoke(summary.Rows);
        }

        csv.Flush();
        return summary;
    }

    private EnrichedRow Process(InputRow row, string[] header, ColumnMap columns)
    {
        if (row.BadData is not null)
        {
            return new EnrichedRow(null, "the row's quoting is malformed (a quote inside an unquoted field, or an unclosed quote); fix the quoting and run again.");
        }

        if (row.Fields.Length != header.Length)
        {
            var extra = row.Fields.Length > header.Length ? $" Extra fields: {string.Join(",", row.Fields.Skip(header.Length))}." : string.Empty;
            return new EnrichedRow(null, $"{row.Fields.Length} fields where the header has {header.Length}.{extra}");
        }

        var fields = columns.Read(row.Fields, repRegion, defaultCountry);
        var read = reader.Read(fields, asOf);
        if (!read.IsValid)
        {
            return new EnrichedRow(null, $"{columns.ColumnOf(read.Field.Value, header, fields.PhoneIsMobileColumn)}: {read.Error}");
        }

        return new EnrichedRow(engine.Decide(read.Input), null);
    }

    private readonly record struct InputRow(string[] Fields, long Line, string? BadData);

    /// <summary>Input columns first, then the enrich columns that the input does not already have.</summary>
    private sealed class OutputLayout
    {
        private readonly int _inputCount;
        private readonly int[] _target;

        public OutputLayout(string[] header)
        {
            _inputCount = header.Length;
            var names = header.ToList();
            _target = new int[EnrichColumns.All.Length];
            for (var i = 0; i < EnrichColumns.All.Length; i++)
            {
                var existing = names.FindIndex(n => string.Equals(n.Trim(), EnrichColumns.All[i], StringComparison.OrdinalIgnoreCase));
                if (existing < 0)
                {
                    names.Add(EnrichColumns.All[i]);
                    existing = names.Count - 1;
                }

                _target[i] = existing;
            }

            Header = names;
        }

        public List<string> Header { get; }

        public void Write(CsvWriter csv, string[] fields, IEnumerable<string> added)
        {
            var values = new string[Header.Count];
            for (var i = 0; i < _inputCount; i++)
            {
                values[i] = i < fields.Length ? fields[i] : string.Empty;
            }

            var k = 0;
            foreach (var value in added)
            {
                values[_target[k++]] = value;
            }

            foreach (var value in values)
            {
                csv.WriteField(value ?? string.Empty);
            }
        }
    }
}
