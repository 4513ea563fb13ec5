namespace CrmRecording.Cli.Tests;

public sealed class HelpTests
{
    [Fact]
    public void Help_ListsEveryCommandWithADescription()
    {
        var r = Crmrec.Run("--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("crmrec", r.Out, StringComparison.Ordinal);
        Assert.Matches(@"gate\s+Decide whether a call may be recorded", r.Out);
        Assert.Matches(@"enrich\s+Add recording decisions", r.Out);
        Assert.Matches(@"jurisdictions\s+List or show", r.Out);
    }

    [Fact]
    public void UnknownCommand_ExitsTwoAndPointsToHelp()
    {
        var r = Crmrec.Run("gates");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--help", r.Error, StringComparison.Ordinal);
    }
}
