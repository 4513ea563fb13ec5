using System.Globalization;

namespace CrmRecording.Cli;

/// <summary>How a pack that found problems ends: each problem on its own line, then how many and that nothing was written.</summary>
internal static class ProblemReport
{
    /// <returns><see cref="CrmrecApp.Failed"/>.</returns>
    public static int Invalid<T>(IReadOnlyCollection<T> problems, string source, TextWriter error)
    {
        foreach (var problem in problems)
        {
            error.WriteLine($"crmrec: {problem}");
        }

        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"crmrec: {problems.Count} problem(s) in {source}; nothing was written."));
        return CrmrecApp.Failed;
    }
}
