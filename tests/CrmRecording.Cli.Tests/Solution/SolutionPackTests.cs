using System.IO.Compression;
using System.Xml.Linq;
using CrmRecording.Cli.Solution;
using CrmRecording.Plugins;
using CrmRecording.Plugins.Registration;

namespace CrmRecording.Cli.Tests.Solution;

/// <summary>Packs the repository's own solution source and checks the zip is what an import needs.</summary>
public sealed class SolutionPackTests : IDisposable
{
    private static readonly XNamespace ContentTypes = "http://schemas.openxmlformats.org/package/2006/content-types";

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private ZipArchive Pack(params string[] extra)
    {
        var zip = Path.Combine(_dir.Path, $"pack-{Guid.NewGuid():N}.zip");
        var r = SolutionPackRun.PackReal(zip, extra);
        Assert.True(r.ExitCode == 0, r.ToString());
        return ZipFile.OpenRead(zip);
    }

    [Fact]
    public void Pack_RealSource_HasContentTypesManifestCustomizationsWebResourcesAndEnvironmentVariable()
    {
        using var zip = Pack();
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Equal(["[Content_Types].xml", "solution.xml", "customizations.xml"], names.Take(3));
        Assert.Contains("environmentvariabledefinitions/crr_MediaServiceUrl/environmentvariabledefinition.xml", names);
        Assert.Equal(6, names.Count(n => n.StartsWith("WebResources/", StringComparison.Ordinal)));
        Assert.All(names, n => Assert.DoesNotContain('\\', n));
    }

    [Fact]
    public void Pack_Default_SolutionXmlCarriesPacConfigIdentityVersionAndUnmanagedFlag()
    {
        using var zip = Pack();
        var manifest = SolutionPackRun.Xml(zip, "solution.xml").Root!.Element("SolutionManifest")!;
        Assert.Equal("CrmRecordingAddin", manifest.Element("UniqueName")!.Value);
        Assert.Equal("1.0.0.0", manifest.Element("Version")!.Value);
        Assert.Equal("0", manifest.Element("Managed")!.Value);
        var publisher = manifest.Element("Publisher")!;
        Assert.Equal("crmrecording", publisher.Element("UniqueName")!.Value);
        Assert.Equal("crr", publisher.Element("CustomizationPrefix")!.Value);
        Assert.Equal("10734", publisher.Element("CustomizationOptionValuePrefix")!.Value);
    }

    [Fact]
    public void Pack_Managed_SetsManagedFlag()
    {
        using var zip = Pack("--managed");
        Assert.Equal("1", SolutionPackRun.Xml(zip, "solution.xml").Root!.Element("SolutionManifest")!.Element("Managed")!.Value);
    }

    [Fact]
    public void Pack_VersionOption_StampsThatVersion()
    {
        using var zip = Pack("--version", "2.3.40.5");
        Assert.Equal("2.3.40.5", SolutionPackRun.Xml(zip, "solution.xml").Root!.Element("SolutionManifest")!.Element("Version")!.Value);
    }

    [Theory]
    [InlineData("2.3")]
    [InlineData("2.3.4.5.6")]
    [InlineData("1.0.0.x")]
    [InlineData("1.-1.0.0")]
    public void Pack_MalformedVersion_ExitsTwoNamingTheOptionAndWritesNothing(string version)
    {
        var zip = Path.Combine(_dir.Path, "bad.zip");
        var r = SolutionPackRun.PackReal(zip, "--version", version);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"--version: '{version}' is not a version", r.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(zip));
    }

    [Fact]
    public void Pack_RealSource_GeneratesOneStepPerRegistrationOnTheWebhook()
    {
        using var zip = Pack();
        var customizations = SolutionPackRun.Xml(zip, "customizations.xml").Root!;
        var endpoint = Assert.Single(customizations.Element("ServiceEndpoints")!.Elements("ServiceEndpoint"));
        Assert.Equal("8", endpoint.Element("Contract")!.Value);
        var steps = customizations.Element("SdkMessageProcessingSteps")!.Elements("SdkMessageProcessingStep").ToDictionary(s => s.Attribute("Name")!.Value);
        Assert.Equal(PluginCatalog.Registrations.Count, steps.Count);
        foreach (var r in PluginCatalog.Registrations)
        {
            var step = steps[r.Name];
            Assert.Equal(r.Table, step.Element("PrimaryEntity")!.Value);
            Assert.Equal(r.Message == "Create" ? "{9ebdbb1b-ea3e-db11-86a7-000a3a5473e8}" : "{20bebb1b-ea3e-db11-86a7-000a3a5473e8}", step.Element("SdkMessageId")!.Value);
            Assert.Equal(((int)r.Stage).ToString(System.Globalization.CultureInfo.InvariantCulture), step.Element("Stage")!.Value);
            Assert.Equal(r.Mode == StepMode.Asynchronous ? "1" : "0", step.Element("Mode")!.Value);
            Assert.Equal(string.Join(',', r.FilteringAttributes), step.Element("FilteringAttributes")?.Value ?? string.Empty);
            Assert.Equal(endpoint.Attribute("ServiceEndpointId")!.Value, step.Element("EventHandler")!.Value);
            Assert.Equal("4618", step.Element("EventHandlerTypeCode")!.Value);
            var images = step.Element("SdkMessageProcessingStepImages")!.Elements().ToList();
            Assert.Equal(r.Images.Select(i => (i.Name, i.Post ? "1" : "0", string.Join(',', i.Attributes))),
                images.Select(i => (i.Attribute("Name")!.Value, i.Element("ImageType")!.Value, i.Element("Attributes")!.Value)));
        }
    }

    [Fact]
    public void Pack_RecordingGateUpdate_IsSyncPreOperationWatchingRecordingRequestedWithPreImage()
    {
        using var zip = Pack();
        var step = SolutionPackRun.Xml(zip, "customizations.xml").Root!.Element("SdkMessageProcessingSteps")!.Elements()
            .Single(s => s.Attribute("Name")!.Value == "crr.phonecall.gate.update");
        Assert.Equal("phonecall", step.Element("PrimaryEntity")!.Value);
        Assert.Equal("20", step.Element("Stage")!.Value);
        Assert.Equal("0", step.Element("Mode")!.Value);
        Assert.Equal("crr_recordingrequested,phonenumber,to,regardingobjectid", step.Element("FilteringAttributes")!.Value);
        var image = Assert.Single(step.Element("SdkMessageProcessingStepImages")!.Elements());
        Assert.Equal("Target", image.Element("MessagePropertyName")!.Value);
    }

    [Fact]
    public void Pack_Twice_StepIdsAreStableNameBasedAndListedAsRootComponents()
    {
        using var first = Pack();
        using var second = Pack();
        var ids = Ids(first);
        Assert.Equal(ids, Ids(second));
        Assert.Equal("{941a2355-00a2-5f5c-87be-6ea6c45e5341}", ids["crr.contact.enrich.update"]);
        var roots = SolutionPackRun.Xml(first, "solution.xml").Root!.Descendants("RootComponent")
            .Where(c => c.Attribute("type")!.Value == "92").Select(c => c.Attribute("id")!.Value).ToHashSet();
        Assert.Equal(ids.Values.ToHashSet(), roots);

        static Dictionary<string, string> Ids(ZipArchive zip) =>
            SolutionPackRun.Xml(zip, "customizations.xml").Descendants("SdkMessageProcessingStep")
                .ToDictionary(s => s.Attribute("Name")!.Value, s => s.Attribute("SdkMessageProcessingStepId")!.Value);
    }

    [Fact]
    public void Pack_Twice_WritesIdenticalBytes()
    {
        var a = Path.Combine(_dir.Path, "a.zip");
        var b = Path.Combine(_dir.Path, "b.zip");
        Assert.Equal(0, SolutionPackRun.PackReal(a, "--managed").ExitCode);
        Assert.Equal(0, SolutionPackRun.PackReal(b, "--managed").ExitCode);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [Fact]
    public void Pack_RealSource_EveryWebResourceFileIsWhereTheManifestSaysWithAContentTypeOverride()
    {
        using var zip = Pack();
        var resources = SolutionPackRun.Xml(zip, "customizations.xml").Root!.Element("WebResources")!.Elements("WebResource").ToList();
        Assert.Equal(["crr_/commands.js", "crr_/dialer.html", "crr_/dialer.js", "crr_/environment.js", "crr_/player.html", "crr_/player.js"], resources.Select(w => w.Element("Name")!.Value).Order(StringComparer.Ordinal));
        var overrides = SolutionPackRun.Xml(zip, "[Content_Types].xml").Root!.Elements(ContentTypes + "Override").Select(o => o.Attribute("PartName")!.Value).ToList();
        foreach (var resource in resources)
        {
            var fileName = resource.Element("FileName")!.Value;
            Assert.Matches("^/WebResources/crr_[a-z]+[A-F0-9-]{36}$", fileName);
            var source = File.ReadAllBytes(Path.Combine(SolutionPackRun.RealSource, "WebResources", resource.Element("Name")!.Value));
            Assert.Equal(source, SolutionPackRun.Bytes(zip, fileName.TrimStart('/')));
            Assert.Contains(fileName, overrides);
        }
    }

    [Fact]
    public void Pack_RealSource_EveryRootComponentIsInThePackage()
    {
        using var zip = Pack();
        var customizations = SolutionPackRun.Xml(zip, "customizations.xml").Root!;
        var entities = customizations.Element("Entities")!.Elements("Entity").Select(e => e.Element("Name")!.Value.ToLowerInvariant()).ToHashSet();
        var choices = customizations.Element("optionsets")!.Elements().Select(o => o.Attribute("Name")!.Value).ToHashSet();
        var roles = customizations.Element("Roles")!.Elements().Select(r => r.Attribute("id")!.Value).ToHashSet();
        var resources = customizations.Element("WebResources")!.Elements().Select(w => w.Element("Name")!.Value).ToHashSet();
        var endpoints = customizations.Element("ServiceEndpoints")!.Elements().Select(s => s.Attribute("ServiceEndpointId")!.Value).ToHashSet();
        var steps = customizations.Element("SdkMessageProcessingSteps")!.Elements().Select(s => s.Attribute("SdkMessageProcessingStepId")!.Value).ToHashSet();
        var forms = customizations.Descendants("systemform").Select(f => f.Element("formid")!.Value).ToHashSet();
        var views = customizations.Descendants("savedquery").Select(v => v.Element("savedqueryid")!.Value).ToHashSet();
        var charts = customizations.Descendants("visualization").Select(v => v.Element("savedqueryvisualizationid")!.Value).ToHashSet();
        var dashboards = customizations.Element("Dashboards")!.Elements("Dashboard").Select(d => d.Element("FormId")!.Value).ToHashSet();
        var components = SolutionPackRun.Xml(zip, "solution.xml").Root!.Descendants("RootComponent").ToList();
        // 6 tables, 5 choices, 3 roles, 3 views, 1 chart and 4 forms of existing tables, 1 dashboard, 6 web resources, 1 endpoint, the steps, 1 environment variable.
        Assert.Equal(6 + 5 + 3 + 3 + 1 + 4 + 1 + 6 + 1 + PluginCatalog.Registrations.Count + 1, components.Count);
        foreach (var c in components)
        {
            var key = c.Attribute("schemaName")?.Value ?? c.Attribute("id")!.Value;
            var present = c.Attribute("type")!.Value switch
            {
                "1" => entities.Contains(key),
                "9" => choices.Contains(key),
                "20" => roles.Contains(key),
                "26" => views.Contains(key),
                "59" => charts.Contains(key),
                "60" => forms.Contains(key) || dashboards.Contains(key),
                "61" => resources.Contains(key),
                "92" => steps.Contains(key),
                "95" => endpoints.Contains(key),
                "380" => zip.GetEntry($"environmentvariabledefinitions/{key}/environmentvariabledefinition.xml") is not null,
                _ => false,
            };
            Assert.True(present, $"root component {c} is not in the package");
        }
    }

    [Fact]
    public void Pack_RealSource_ContactAndLeadCarryTheSameNewColumnsAndChoicesAreGlobal()
    {
        using var zip = Pack();
        var entities = SolutionPackRun.Xml(zip, "customizations.xml").Root!.Element("Entities")!.Elements("Entity")
            .ToDictionary(e => e.Element("Name")!.Value, e => e.Element("EntityInfo")!.Descendants("attribute").ToDictionary(a => a.Element("LogicalName")!.Value));
        Assert.Equal(entities["Contact"].Keys.Order(StringComparer.Ordinal), entities["Lead"].Keys.Order(StringComparer.Ordinal));
        Assert.Equal(15, entities["Contact"].Count);
        Assert.Equal("crr_consentstatus", entities["Contact"]["crr_consentstatus"].Element("OptionSetName")!.Value);
        Assert.Equal("2", entities["Contact"]["crr_consentdate"].Element("Behavior")!.Value);
        Assert.Equal("bit", entities["PhoneCall"]["crr_recordingrequested"].Element("Type")!.Value);
        Assert.Equal(["Contact", "Lead", "PhoneCall", "Territory", "crr_ConsentLog", "crr_RecordingPolicy"], entities.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("nvarchar", entities["Territory"]["crr_jurisdiction"].Element("Type")!.Value);
    }

    [Fact]
    public void Pack_Success_PrintsSummaryAndPath()
    {
        var zip = Path.Combine(_dir.Path, "summary.zip");
        var r = SolutionPackRun.PackReal(zip, "--managed");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"Packed CrmRecordingAddin 1.0.0.0 (managed): 6 tables, 57 columns, 5 choices, 3 roles, 6 web resources, 4 forms, 6 views, 3 charts, 1 dashboard, 1 service endpoint, {PluginCatalog.Registrations.Count} steps, 1 environment variable.", r.Out, StringComparison.Ordinal);
        Assert.Contains(zip, r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_OutInMissingFolder_CreatesItAndLeavesNoTemporaryFile()
    {
        var zip = Path.Combine(_dir.Path, "artifacts", "nested", "CrmRecordingAddin_managed.zip");
        Assert.Equal(0, SolutionPackRun.PackReal(zip, "--managed").ExitCode);
        Assert.Equal([zip], Directory.GetFiles(Path.GetDirectoryName(zip)!));
    }
}
