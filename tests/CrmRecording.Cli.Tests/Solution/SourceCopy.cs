namespace CrmRecording.Cli.Tests.Solution;

/// <summary>
/// A scratch copy of the real solution source and pac.config, for tests that break one thing and check the
/// pack fails naming it. The copy's pac.config points at the copied source.
/// </summary>
internal sealed class SourceCopy : IDisposable
{
    private readonly TempDir _dir = new();

    public SourceCopy()
    {
        Source = Path.Combine(_dir.Path, "solution-package", "dynamics");
        Copy(SolutionPackRun.RealSource, Source);
        Config = Path.Combine(_dir.Path, "pac.config");
        File.Copy(SolutionPackRun.RealConfig, Config);
    }

    public string Source { get; }

    public string Config { get; }

    public string Zip => Path.Combine(_dir.Path, "artifacts", "out.zip");

    public string PathOf(string relative) => Path.Combine(Source, relative.Replace('/', Path.DirectorySeparatorChar));

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    public void Write(string relative, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(relative))!);
        File.WriteAllText(PathOf(relative), content);
    }

    /// <summary>Replaces text in a file, failing the test if the text is not there (so a broken fixture cannot pass silently).</summary>
    public void Replace(string relative, string from, string to)
    {
        var text = Read(relative);
        Assert.Contains(from, text, StringComparison.Ordinal);
        Write(relative, text.Replace(from, to, StringComparison.Ordinal));
    }

    public Crmrec.Result Pack(params string[] extra) => SolutionPackRun.Run(["--out", Zip, "--config", Config, .. extra]);

    /// <summary>Packs a copy that must be refused: exit 1 and no zip; returns what was printed on stderr.</summary>
    public string PackFails()
    {
        var r = Pack();
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.False(File.Exists(Zip), "nothing may be written when the source is invalid");
        return r.Error;
    }

    public void Dispose() => _dir.Dispose();

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
