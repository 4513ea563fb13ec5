using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CrmRecording.Cli.Tests.Salesforce;

/// <summary><c>crmrec salesforce register</c>: a deploy-ready copy pointed at the service, the secret printed once.</summary>
public sealed partial class SalesforceRegisterTests : IDisposable
{
    private static readonly XNamespace Md = "http://soap.sforce.com/2006/04/metadata";

    private readonly TempDir _dir = new();

    private string Out => Path.Combine(_dir.Path, "deploy");

    public void Dispose() => _dir.Dispose();

    private Crmrec.Result Register(params string[] extra) =>
        SalesforceRun.Run(["register", "--url", "https://media.contoso.example/", "--integration-user", "svc-recording@contoso.example", "--source", SalesforceRun.RealSource, "--out", Out, .. extra]);

    [Fact]
    public void Register_NewSecret_FillsTheEndpointsOfACopyAndPrintsTheSecretOnce()
    {
        var r = Register();

        Assert.True(r.ExitCode == 0, r.ToString());
        var secret = SecretLine().Match(r.Out).Groups[1].Value;
        Assert.True(secret.Length >= 24, r.Out);
        Assert.Single(Regex.Matches(r.Out, Regex.Escape(secret)));
        foreach (var obj in new[] { "Contact", "Lead" })
        {
            var message = Xml($"workflows/{obj}.workflow-meta.xml").Root!.Element(Md + "outboundMessages")!;
            Assert.Equal($"https://media.contoso.example/webhooks/salesforce/{secret}", message.Element(Md + "endpointUrl")!.Value);
            Assert.Equal("svc-recording@contoso.example", message.Element(Md + "integrationUser")!.Value);
        }

        var center = Xml("callCenters/CrmRecording_Dialer.callCenter-meta.xml").Root!;
        Assert.Equal("https://media.contoso.example/crm/salesforce/dialer", center.Element(Md + "adapterUrl")!.Value);
        Assert.Equal("https://media.contoso.example/crm/salesforce/dialer", center.Descendants(Md + "items").Single(i => i.Element(Md + "name")!.Value == "reqAdapterUrl").Element(Md + "value")!.Value);
        using var settings = JsonDocument.Parse(center.Element(Md + "customSettings")!.Value);
        Assert.Equal("https://media.contoso.example/crm/salesforce/dialer", settings.RootElement.GetProperty("reqAdapterUrl").GetString());
        Assert.Equal("Lightning", settings.RootElement.GetProperty("reqSalesforceCompatibilityMode").GetString());
        Assert.Equal("https://media.contoso.example", Xml("remoteSiteSettings/CrmRecording_Media_Service.remoteSite-meta.xml").Root!.Element(Md + "url")!.Value);
        Assert.Contains("https://SERVICE/webhooks/salesforce/SECRET", File.ReadAllText(Path.Combine(SalesforceRun.RealSource, PackageCopy.Default, "workflows/Contact.workflow-meta.xml")), StringComparison.Ordinal);
    }

    [Fact]
    public void Register_TwiceWithoutASecret_MakesADifferentSecretEachTime()
    {
        var first = SecretLine().Match(Register().Out).Groups[1].Value;
        var second = SecretLine().Match(Register().Out).Groups[1].Value;

        Assert.NotEqual(first, second);
        Assert.EndsWith(second, Xml("workflows/Lead.workflow-meta.xml").Root!.Element(Md + "outboundMessages")!.Element(Md + "endpointUrl")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_GivenSecret_IsUsedAsIs()
    {
        var r = Register("--secret", "keep-the-secret-the-service-has-0123");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("Salesforce__NotificationSecret=keep-the-secret-the-service-has-0123", r.Out, StringComparison.Ordinal);
        Assert.EndsWith("/webhooks/salesforce/keep-the-secret-the-service-has-0123", Xml("workflows/Contact.workflow-meta.xml").Root!.Element(Md + "outboundMessages")!.Element(Md + "endpointUrl")!.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--url", "http://media.contoso.example")]
    [InlineData("--secret", "short")]
    [InlineData("--secret", "a secret with spaces that is long enough")]
    [InlineData("--integration-user", "not-a-username")]
    public void Register_BadOption_IsRefusedNamingTheOptionAndWritesNothing(string option, string value)
    {
        var args = new List<string> { "register", "--url", "https://media.contoso.example", "--integration-user", "svc@contoso.example", "--source", SalesforceRun.RealSource, "--out", Out };
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var r = SalesforceRun.Run([.. args]);

        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith($"crmrec: {option}:", r.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public void Register_ThroughTheCrmrecProgram_WritesTheCopyAndAPlainHttpUrlExitsTwo()
    {
        var ok = Crmrec.Run("salesforce", "register", "--url", "https://media.contoso.example", "--integration-user", "svc@contoso.example", "--source", SalesforceRun.RealSource, "--out", Out);
        var refused = Crmrec.Run("salesforce", "register", "--url", "http://media.contoso.example", "--integration-user", "svc@contoso.example", "--source", SalesforceRun.RealSource, "--out", Out + "-2");

        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.True(File.Exists(Path.Combine(Out, "sfdx-project.json")));
        Assert.Equal(2, refused.ExitCode);
        Assert.StartsWith("crmrec: --url: 'http://media.contoso.example' is not an https URL", refused.Error, StringComparison.Ordinal);
    }

    [SalesforceToolsFact]
    public void Register_Output_PacksWithItsUrlsInPlace()
    {
        Assert.Equal(0, Register().ExitCode);

        var zip = Path.Combine(_dir.Path, "registered.zip");
        var r = SalesforceRun.Run("pack", "--source", Out, "--out", zip, "--tools", SalesforceToolsFactAttribute.Folder);

        Assert.True(r.ExitCode == 0, r.ToString());
    }

    private XDocument Xml(string relative) => XDocument.Load(Path.Combine(Out, PackageCopy.Default, relative));

    [GeneratedRegex(@"Salesforce__NotificationSecret=(\S+)")]
    private static partial Regex SecretLine();
}
