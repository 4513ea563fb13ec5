using System.IO.Compression;
using System.Xml.Linq;
using CrmRecording.Cli.Solution;

namespace CrmRecording.Cli.Tests.Solution;

/// <summary>
/// Runs <c>crmrec solution pack</c> in-process, through <see cref="SolutionCommand.Create"/> under a root command
/// and with crmrec's exit-code conventions (2 for <see cref="UsageException"/> and parse errors).
/// </summary>
internal static class SolutionPackRun
{
    /// <summary>The repository root: where pac.config is.</summary>
    public static string RepositoryRoot { get; } = Path.GetDirectoryName(PacConfig.Find(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException($"No pac.config above {AppContext.BaseDirectory}."))!;

    public static string RealSource => Path.Combine(RepositoryRoot, "solution-package", "dynamics");

    public static string RealConfig => Path.Combine(RepositoryRoot, PacConfig.FileName);

    public static Crmrec.Result Run(params string[] args) => InProcess.Run(SolutionCommand.Create(), ["solution", "pack", .. args]);

    /// <summary>Packs the repository's own source with its own pac.config into <paramref name="zip"/>.</summary>
    public static Crmrec.Result PackReal(string zip, params string[] extra) =>
        Run(["--out", zip, "--config", RealConfig, .. extra]);

    public static XDocument Xml(ZipArchive zip, string entry)
    {
        var found = zip.GetEntry(entry) ?? throw new Xunit.Sdk.XunitException($"The zip has no {entry}; it has {string.Join(", ", zip.Entries.Select(e => e.FullName))}.");
        using var stream = found.Open();
        return XDocument.Load(stream);
    }

    public static byte[] Bytes(ZipArchive zip, string entry)
    {
        using var stream = zip.GetEntry(entry)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
