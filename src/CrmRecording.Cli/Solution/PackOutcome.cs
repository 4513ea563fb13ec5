namespace CrmRecording.Cli.Solution;

/// <summary>The result of a pack: a written package, or the reasons the source cannot be packed (nothing written).</summary>
internal abstract record PackOutcome
{
    private PackOutcome()
    {
    }

    /// <param name="Path">The zip's full path.</param>
    /// <param name="Counts">Components packed, by kind (singular), for the summary line.</param>
    public sealed record Packed(string Path, string UniqueName, SolutionVersion Version, bool Managed, IReadOnlyList<(string Kind, int Count)> Counts) : PackOutcome;

    /// <param name="Source">The source folder the problems' paths are relative to.</param>
    public sealed record Invalid(string Source, IReadOnlyList<SourceProblem> Problems) : PackOutcome;
}
