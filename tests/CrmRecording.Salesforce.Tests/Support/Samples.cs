using System.Text.RegularExpressions;

namespace CrmRecording.Salesforce.Tests.Support;

/// <summary>
/// Salesforce's documented examples under <c>Samples/</c> (copied verbatim from the REST API and OAuth docs, with
/// the source in each file's comment lines), and the JSON blocks inside them.
/// </summary>
internal static partial class Samples
{
    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", name));

    /// <summary>The <paramref name="index"/>th complete JSON object or array in the file: a block starting at a line's first column.</summary>
    public static string JsonBlock(string name, int index = 0)
    {
        var lines = Text(name).Split('\n');
        var blocks = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith('{') || lines[i].StartsWith('['))
            {
                var close = lines[i][0] == '{' ? "}" : "]";
                var end = Array.FindIndex(lines, i, l => l.TrimEnd() == close);
                if (end > i)
                {
                    blocks.Add(string.Join('\n', lines[i..(end + 1)]));
                    i = end;
                }
            }
        }

        return blocks[index];
    }

    /// <summary>A header's value from an <c>.http</c> sample.</summary>
    public static string Header(string name, string header) =>
        Regex.Match(Text(name), $"^{Regex.Escape(header)}: (.+)$", RegexOptions.Multiline).Groups[1].Value.TrimEnd('\r');
}
