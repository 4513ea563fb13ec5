using System.Text.Json;

namespace CrmRecording.Cli.Tests.Jurisdictions;

public sealed class JurisdictionsCommandTests
{
    [Fact]
    public void List_Json_HasEveryRowWithRuleStatuteAndVersion()
    {
        var r = Crmrec.Run("jurisdictions", "list", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        var json = JsonDocument.Parse(r.Out).RootElement;
        var rows = json.GetProperty("jurisdictions").EnumerateArray().ToList();
        Assert.True(rows.Count >= 119, $"{rows.Count} rows");
        var nevada = rows.Single(j => j.GetProperty("code").GetString() == "US-NV");
        Assert.Equal("all-party", nevada.GetProperty("rule").GetString());
        Assert.Contains("200.620", nevada.GetProperty("statute").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("rulesVersion").GetString()));
    }

    [Fact]
    public void List_Csv_HasAHeaderAndOneLinePerRow()
    {
        var r = Crmrec.Run("jurisdictions", "list", "--format", "csv");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("code,name,country,rule,statute,note,sources,reviewed", r.Out, StringComparison.Ordinal);
        Assert.Contains("\nUS-CT,Connecticut,US,all-party-civil-only,", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void List_Text_NamesEachJurisdiction()
    {
        var r = Crmrec.Run("jurisdictions", "list");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"US-MT\s+notice-required\s+Montana", r.Out);
    }

    [Fact]
    public void Show_Code_PrintsRuleStatuteNoteAndSources()
    {
        var r = Crmrec.Run("jurisdictions", "show", "us-ct");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Rule:     all-party-civil-only", r.Out, StringComparison.Ordinal);
        Assert.Contains("52-570d", r.Out, StringComparison.Ordinal);
        Assert.Contains("Source:   http", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_UnknownCode_ExitsTwoAndSaysHowToListCodes()
    {
        var r = Crmrec.Run("jurisdictions", "show", "US-XX");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("crmrec jurisdictions list", r.Error, StringComparison.Ordinal);
    }
}
