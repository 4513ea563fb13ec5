using System.Reflection;
using System.Text;

namespace CrmRecording.Core.Data;

/// <summary>
/// An embedded reference table: RFC 4180 rows after a header line, preceded by <c># key: value</c>
/// comment lines that name the dataset and its version. Reference data is versioned so that every
/// decision can say which edition of the law and of the numbering plan it was made under.
/// </summary>
internal sealed class CsvDataset
{
    private CsvDataset(string name, string version, IReadOnlyList<string> header, IReadOnlyList<CsvRow> rows)
    {
        Name = name;
        Version = version;
        Header = header;
        Rows = rows;
    }

    public string Name { get; }

    public string Version { get; }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<CsvRow> Rows { get; }

    public static CsvDataset LoadEmbedded(string fileName)
    {
        var assembly = typeof(CsvDataset).Assembly;
        var resource = "CrmRecording.Core." + fileName;
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded dataset '{resource}' is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(fileName, reader.ReadToEnd());
    }

    public static CsvDataset Parse(string source, string text)
    {
        var meta = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var lines = CsvText.ReadRecords(text, meta);
        if (lines.Count == 0)
        {
            throw new InvalidDataException($"{source}: no header line.");
        }

        if (!meta.TryGetValue("dataset", out var name) || !meta.TryGetValue("version", out var version))
        {
            throw new InvalidDataException($"{source}: the '# dataset:' and '# version:' comment lines are required.");
        }

        var header = lines[0].Fields;
        var rows = new List<CsvRow>(lines.Count - 1);
        foreach (var line in lines.Skip(1))
        {
            if (line.Fields.Count != header.Count)
            {
                throw new InvalidDataException(
                    $"{source} line {line.LineNumber}: {line.Fields.Count} fields, the header has {header.Count}.");
            }

            rows.Add(new CsvRow(source, line.LineNumber, header, line.Fields));
        }

        return new CsvDataset(name, version, header, rows);
    }
}
