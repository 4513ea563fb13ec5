using System.Xml.Linq;

namespace CrmRecording.Cli.Tests.Solution;

/// <summary>Copies of the real source with one thing broken: the pack exits 1, names the file and element, and writes nothing.</summary>
public sealed class BrokenSourceTests : IDisposable
{
    private readonly SourceCopy _copy = new();

    public void Dispose() => _copy.Dispose();

    private string Fails()
    {
        var r = _copy.Pack("--managed");
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.False(File.Exists(_copy.Zip), "nothing may be written when the source is invalid");
        Assert.Contains("nothing was written", r.Error, StringComparison.Ordinal);
        return r.Error;
    }

    [Fact]
    public void Pack_Unbroken_Succeeds()
    {
        var r = _copy.Pack();
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(File.Exists(_copy.Zip));
    }

    [Fact]
    public void Pack_WebResourceFileMissing_NamesTheDataXmlAndItsFileName()
    {
        File.Delete(_copy.PathOf("WebResources/crr_/dialer.js"));
        Assert.Contains(
            "crmrec: WebResources/crr_/dialer.js.data.xml:15: <WebResource> <Name>crr_/dialer.js</Name> <FileName>/WebResources/crr_/dialer.js</FileName>: the web resource file WebResources/crr_/dialer.js is missing.",
            Fails(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_MalformedXml_NamesFileAndLineAndReportsNothingElse()
    {
        _copy.Replace("Entities/Lead/Entity.xml", "<Type>ntext</Type>", "<Type>ntext</Typo>");
        var error = Fails();
        Assert.Matches(@"crmrec: Entities/Lead/Entity\.xml:\d+: document: not well-formed XML: .*'Type'.*'Typo'", error);
        Assert.Equal(2, error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Pack_ChoiceColumnWhoseGlobalChoiceIsNotDefined_NamesTheColumnAndTheMissingFile()
    {
        File.Delete(_copy.PathOf("OptionSets/crr_devicetype.xml"));
        var error = Fails();
        Assert.Matches(@"crmrec: Entities/Contact/Entity\.xml:\d+: <attribute PhysicalName=""crr_DeviceType""> <OptionSetName>crr_devicetype</OptionSetName>: names a choice that is not defined: there is no OptionSets/crr_devicetype\.xml\.", error);
        Assert.Matches(@"crmrec: Entities/Lead/Entity\.xml:\d+: <attribute PhysicalName=""crr_DeviceType"">", error);
        Assert.Matches(@"crmrec: Other/Solution\.xml:\d+: <RootComponent type=""9"" schemaName=""crr_devicetype"">: no global choice crr_devicetype in OptionSets/\.", error);
    }

    [Fact]
    public void Pack_ChoiceColumnWithNoOptionSetAtAll_NamesTheColumn()
    {
        _copy.Replace("Entities/PhoneCall/Entity.xml", "<OptionSetName>crr_recordingdecision</OptionSetName>", string.Empty);
        Assert.Matches(@"crmrec: Entities/PhoneCall/Entity\.xml:\d+: <attribute PhysicalName=""crr_Decision"">: a choice column needs its option set", Fails());
    }

    [Fact]
    public void Pack_OptionValueWithoutPublisherPrefix_NamesTheOption()
    {
        _copy.Replace("OptionSets/crr_devicetype.xml", "<option value=\"107340003\">", "<option value=\"100000003\">");
        Assert.Matches(@"crmrec: OptionSets/crr_devicetype\.xml:\d+: <optionset Name=""crr_devicetype""> <option value=""100000003"">: the value lacks the publisher's option value prefix 10734", Fails());
    }

    [Fact]
    public void Pack_RootComponentThatDoesNotExist_NamesTheLine()
    {
        _copy.Replace("Other/Solution.xml", "<RootComponent type=\"61\" schemaName=\"crr_/dialer.js\" behavior=\"0\" />",
            "<RootComponent type=\"61\" schemaName=\"crr_/dialer.js\" behavior=\"0\" />\n      <RootComponent type=\"61\" schemaName=\"crr_/missing.js\" behavior=\"0\" />");
        Assert.Matches(@"crmrec: Other/Solution\.xml:\d+: <RootComponent type=""61"" schemaName=""crr_/missing\.js"">: no web resource crr_/missing\.js in WebResources/\.", Fails());
    }

    [Fact]
    public void Pack_ComponentNotListedAsRootComponent_SaysWhichLineToAdd()
    {
        _copy.Replace("Other/Solution.xml", "<RootComponent type=\"61\" schemaName=\"crr_/dialer.js\" behavior=\"0\" />", string.Empty);
        Assert.Contains(
            "crmrec: WebResources/crr_/dialer.js.data.xml:4: <Name>: is not listed in Other/Solution.xml <RootComponents>; add <RootComponent type=\"61\" schemaName=\"crr_/dialer.js\" behavior=\"0\" />",
            Fails(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_StepsPointAtAnEndpointThatIsNotDeclared_NamesTheEndpointFileAndPacConfigKey()
    {
        File.WriteAllText(_copy.Config, File.ReadAllText(_copy.Config).Replace("\"crr_MediaServiceWebhook\"", "\"crr_OtherWebhook\"", StringComparison.Ordinal));
        Assert.Matches(
            @"crmrec: PluginAssemblies/ServiceEndpoints\.xml:\d+: <ServiceEndpoint Name=""crr_OtherWebhook"">: webhook\.serviceEndpoint in .*pac\.config names this endpoint as every step's handler, but it is not declared here \(declared: crr_MediaServiceWebhook\)\.",
            Fails());
    }

    [Fact]
    public void Pack_HandWrittenStepFile_IsRefusedBecauseStepsAreGenerated()
    {
        _copy.Write("SdkMessageProcessingSteps/{0b6f0c4e-4d1e-4b0c-9d8e-2f1c3a4b5c6d}.xml", "<SdkMessageProcessingStep />");
        Assert.Contains(
            "crmrec: SdkMessageProcessingSteps/{0b6f0c4e-4d1e-4b0c-9d8e-2f1c3a4b5c6d}.xml: file: steps are generated from PluginCatalog.Registrations at pack time",
            Fails(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_StepWatchesAColumnTheTableDoesNotDeclare_NamesStepAndColumn()
    {
        var path = _copy.PathOf("Entities/Contact/Entity.xml");
        var entity = XDocument.Load(path);
        entity.Descendants("attribute").Single(a => a.Element("LogicalName")!.Value == "crr_consentstatus").Remove();
        entity.Save(path);
        Assert.Contains(
            "crmrec: PluginCatalog.Registrations: <SdkMessageProcessingStep Name=\"crr.contact.enrich.update\">: watches column crr_consentstatus, which Entities/Contact/Entity.xml does not declare.",
            Fails(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_LookupWithoutRelationship_NamesTheLookup()
    {
        File.Delete(_copy.PathOf("Other/Relationships/PhoneCall.xml"));
        var error = Fails();
        Assert.Matches(@"crmrec: Entities/crr_ConsentLog/Entity\.xml:\d+: <attribute PhysicalName=""crr_PhoneCallId"">: a lookup needs a relationship in Other/Relationships/", error);
        Assert.Matches(@"crmrec: Other/Relationships\.xml:\d+: <EntityRelationship Name=""crr_phonecall_crr_consentlog_phonecallid"">: is listed but not defined", error);
    }

    [Fact]
    public void Pack_IdentityDiffersFromPacConfig_NamesElementAndKey()
    {
        _copy.Replace("Other/Solution.xml", "<CustomizationPrefix>crr</CustomizationPrefix>", "<CustomizationPrefix>new</CustomizationPrefix>");
        Assert.Matches(@"crmrec: Other/Solution\.xml:\d+: <Publisher/CustomizationPrefix>: is 'new', but solution\.customizationPrefix in .*pac\.config is 'crr'\.", Fails());
    }

    [Fact]
    public void Pack_ManagedInSource_IsRefused()
    {
        _copy.Replace("Other/Solution.xml", "<Managed>0</Managed>", "<Managed>1</Managed>");
        Assert.Matches(@"crmrec: Other/Solution\.xml:\d+: <Managed>: is '1' but must be 0 in source", Fails());
    }

    [Fact]
    public void Pack_RolePrivilegeOnUndeclaredTable_NamesRoleAndPrivilege()
    {
        _copy.Replace("Roles/Recording Reviewer.xml", "prvReadcrr_recordingpolicy", "prvReadcrr_recordingpolicies");
        Assert.Matches(@"crmrec: Roles/Recording Reviewer\.xml:\d+: <Role name=""Recording Reviewer""> <RolePrivilege name=""prvReadcrr_recordingpolicies"">: crr_recordingpolicies is not a table in Entities/\.", Fails());
    }

    [Fact]
    public void Pack_WebResourceTypeDisagreesWithExtension_NamesTheType()
    {
        _copy.Replace("WebResources/crr_/dialer.html.data.xml", "<WebResourceType>1</WebResourceType>", "<WebResourceType>3</WebResourceType>");
        Assert.Matches(@"crmrec: WebResources/crr_/dialer\.html\.data\.xml:\d+: <WebResource> <Name>crr_/dialer\.html</Name> <WebResourceType>3</WebResourceType>: a \.html web resource has type 1\.", Fails());
    }

    [Fact]
    public void Pack_FolderOutsideTheLayout_IsNamedRatherThanSilentlyDropped()
    {
        _copy.Write("Workflows/Notify.xaml", "<Activity />");
        Assert.Contains("crmrec: Workflows: folder: not part of the layout crmrec packs", Fails(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_InvalidSource_LeavesAnExistingPackageUntouchedAndNoTemporaryFiles()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_copy.Zip)!);
        File.WriteAllText(_copy.Zip, "previous package");
        File.Delete(_copy.PathOf("WebResources/crr_/commands.js"));
        var r = _copy.Pack();
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("previous package", File.ReadAllText(_copy.Zip));
        Assert.Equal([_copy.Zip], Directory.GetFiles(Path.GetDirectoryName(_copy.Zip)!));
    }
}
