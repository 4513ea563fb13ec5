using System.Text;

namespace CrmRecording.Core.Data;

/// <summary>A small RFC 4180 reader for the embedded reference tables (quoted fields, doubled quotes, CRLF or LF).</summary>
internal static class CsvText
{
    public static List<(int LineNumber, List<string> Fields)> ReadRecords(string text, IDictionary<string, string> meta)
    {
        var records = new List<(int, List<string>)>();
        var pos = 0;
        var line = 1;
        while (pos < text.Length)
        {
            var startLine = line;
            if (text[pos] == '#')
            {
                var end = text.IndexOf('\n', pos);
                var comment = (end < 0 ? text[(pos + 1)..] : text[(pos + 1)..end]).Trim();
                var colon = comment.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && records.Count == 0)
                {
                    meta.TryAdd(comment[..colon].Trim(), comment[(colon + 1)..].Trim());
                }

                pos = end < 0 ? text.Length : end + 1;
                line++;
                continue;
            }

            if (text[pos] is '\n' or '\r')
            {
                line += text[pos] == '\n' ? 1 : 0;
                pos++;
                continue;
            }

            records.Add((startLine, ReadRecord(text, ref pos, ref line)));
        }

        return records;
    }

    private static List<string> ReadRecord(string text, ref int pos, ref int line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        while (pos < text.Length)
        {
            var c = text[pos++];
            if (quoted)
            {
                if (c == '"')
                {
                    if (pos < text.Length && text[pos] == '"')
                    {
                        field.Append('"');
                        pos++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                line++;
                break;
            }
            else if (c != '\r')
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            throw new InvalidDataException($"line {line}: a quoted field is not closed.");
        }

        fields.Add(field.ToString());
        return fields;
    }
}
