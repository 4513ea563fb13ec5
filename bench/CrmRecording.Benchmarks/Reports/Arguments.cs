using System.Globalization;

namespace CrmRecording.Benchmarks.Reports;

/// <summary>The <c>--name value</c> options of the report commands.</summary>
internal static class Arguments
{
    public static string? Text(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    public static int Number(string[] args, string name, int fallback) =>
        Text(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    /// <summary>Every value of an option given several times.</summary>
    public static IReadOnlyList<string> All(string[] args, string name) =>
        args.Select((a, i) => (a, i)).Where(p => p.a == name && p.i + 1 < args.Length).Select(p => args[p.i + 1]).ToList();
}
