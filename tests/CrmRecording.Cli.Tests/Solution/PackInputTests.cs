using CrmRecording.Cli.Solution;
using CrmRecording.Plugins;
using CrmRecording.Plugins.Registration;

namespace CrmRecording.Cli.Tests.Solution;

/// <summary>pac.config discovery and errors (exit 2, key named), and step declarations the pack refuses.</summary>
public sealed class PackInputTests : IDisposable
{
    private readonly SourceCopy _copy = new();

    public void Dispose() => _copy.Dispose();

    private PackRequest Request(string workingDirectory, string? config = null) =>
        new(_copy.Zip, Managed: false, Version: null, Source: null, Config: config, WorkingDirectory: workingDirectory);

    [Fact]
    public void Pack_NoConfigOption_FindsPacConfigInAFolderAbove()
    {
        var outcome = SolutionPacker.Pack(Request(_copy.PathOf("WebResources/crr_")));
        var packed = Assert.IsType<PackOutcome.Packed>(outcome);
        Assert.Equal(_copy.Zip, packed.Path);
    }

    [Fact]
    public void Pack_NoPacConfigAnywhere_IsUsageErrorNamingConfigOption()
    {
        using var empty = new TempDir();
        var ex = Assert.Throws<UsageException>(() => SolutionPacker.Pack(Request(empty.Path)));
        Assert.StartsWith("--config: no pac.config in", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"webhook\": {\n    \"serviceEndpoint\": \"crr_MediaServiceWebhook\"\n  },", "", "webhook: missing")]
    [InlineData("\"version\": \"1.0.0.0\"", "\"version\": \"1.0\"", "solution.version: '1.0' is not a version")]
    [InlineData("\"https://yourorg.crm.dynamics.com\"", "\"yourorg\"", "environmentUrl: 'yourorg' is not an https URL")]
    [InlineData("\"customizationOptionValuePrefix\": 10734", "\"customizationOptionValuePrefix\": \"10734\"", "solution.customizationOptionValuePrefix: must be a number")]
    public void Pack_BadPacConfig_ExitsTwoNamingTheKey(string from, string to, string expected)
    {
        var text = File.ReadAllText(_copy.Config);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(_copy.Config, text.Replace(from, to, StringComparison.Ordinal));
        var r = _copy.Pack();
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_SourceOptionThatIsNotAFolder_ExitsTwo()
    {
        var r = _copy.Pack("--source", _copy.PathOf("nowhere"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--source:", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_MissingOut_IsAParseError()
    {
        Assert.Equal(2, SolutionPackRun.Run("--config", _copy.Config).ExitCode);
    }

    [Fact]
    public void Pack_StepDeclarationsTheSolutionCannotCarry_AreEachNamed()
    {
        var valid = PluginCatalog.Registrations[0];
        var request = Request(_copy.Source, _copy.Config) with
        {
            Registrations =
            [
                .. PluginCatalog.Registrations,
                valid with { Name = "crr.test.async.preop", Stage = StepStage.PreOperation },
                valid with { Name = "crr.test.delete", Message = "Delete" },
                valid with { Name = "crr.test.account", Table = "account" },
                valid,
            ],
        };
        var problems = Assert.IsType<PackOutcome.Invalid>(SolutionPacker.Pack(request)).Problems.Select(p => p.ToString()).ToList();
        Assert.Contains("PluginCatalog.Registrations: <SdkMessageProcessingStep Name=\"crr.test.async.preop\">: an asynchronous step can only run in PostOperation (40), not PreOperation (20).", problems);
        Assert.Contains("PluginCatalog.Registrations: <SdkMessageProcessingStep Name=\"crr.test.delete\">: message 'Delete' has no sdkmessageid on file (known: Create, Update).", problems);
        Assert.Contains("PluginCatalog.Registrations: <SdkMessageProcessingStep Name=\"crr.test.account\">: table 'account' is not declared in Entities/, so the solution does not carry the columns the step reads.", problems);
        Assert.Contains($"PluginCatalog.Registrations: <SdkMessageProcessingStep Name=\"{valid.Name}\">: two registrations share this name, so they would share one step id; names must be unique.", problems);
        Assert.Equal(4, problems.Count);
    }
}
