namespace CrmRecording.Cli.Tests.Salesforce;

/// <summary>A scratch copy of the real sfdx project, for tests that break one thing and check the pack names it.</summary>
internal sealed class PackageCopy : IDisposable
{
    public const string Default = "force-app/main/default/";

    private readonly TempDir _dir = new();

    public PackageCopy(string? from = null)
    {
        Source = Path.Combine(_dir.Path, "salesforce");
        from ??= SalesforceRun.RealSource;
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Source, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Source { get; }

    public string Zip => Path.Combine(_dir.Path, "artifacts", "salesforce.zip");

    public string Scratch => _dir.Path;

    public string PathOf(string relative) => Path.Combine(Source, relative.Replace('/', Path.DirectorySeparatorChar));

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    public void Write(string relative, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(relative))!);
        File.WriteAllText(PathOf(relative), content);
    }

    public void Delete(string relative) => File.Delete(PathOf(relative));

    /// <summary>Replaces text in a file, failing the test if the text is not there exactly once; returns the line it is on.</summary>
    public int Replace(string relative, string from, string to)
    {
        var text = Read(relative);
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0 && text.IndexOf(from, at + 1, StringComparison.Ordinal) < 0, $"'{from}' is not in {relative} exactly once");
        Write(relative, text.Replace(from, to, StringComparison.Ordinal));
        return LineAt(text, at);
    }

    /// <summary>The 1-based line <paramref name="text"/> first appears on in a file.</summary>
    public int LineOf(string relative, string text)
    {
        var content = Read(relative);
        var at = content.IndexOf(text, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{text}' is not in {relative}");
        return LineAt(content, at);
    }

    /// <summary>Packs with the installed tools when there are any, else with an empty tools folder (validation runs first).</summary>
    public Crmrec.Result Pack(string? tools = null) =>
        SalesforceRun.Run("pack", "--source", Source, "--out", Zip, "--tools", tools ?? Environment.GetEnvironmentVariable(SalesforceToolsFactAttribute.Variable) ?? Path.Combine(_dir.Path, "no-tools"));

    /// <summary>Packs a copy that must be refused: exit 1, no zip, and the lines printed on stderr.</summary>
    public string[] PackFails()
    {
        var r = Pack();
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.False(File.Exists(Zip), "nothing may be written when the source is invalid");
        Assert.Contains("nothing was written", r.Error, StringComparison.Ordinal);
        return r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public void Dispose() => _dir.Dispose();

    private static int LineAt(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;
}
