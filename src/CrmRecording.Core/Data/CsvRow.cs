namespace CrmRecording.Core.Data;

/// <summary>One data row of a <see cref="CsvDataset"/>, addressed by column name.</summary>
internal sealed class CsvRow(string source, int lineNumber, IReadOnlyList<string> header, IReadOnlyList<string> fields)
{
    public int LineNumber { get; } = lineNumber;

    public string this[string column]
    {
        get
        {
            for (var i = 0; i < header.Count; i++)
            {
                if (string.Equals(header[i], column, StringComparison.Ordinal))
                {
                    return fields[i].Trim();
                }
            }

            throw new InvalidDataException($"{source}: no column '{column}'.");
        }
    }

    public InvalidDataException Error(string message) => new($"{source} line {LineNumber}: {message}");
}
