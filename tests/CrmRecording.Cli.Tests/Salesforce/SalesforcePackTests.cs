using System.IO.Compression;
using System.Xml.Linq;

namespace CrmRecording.Cli.Tests.Salesforce;

/// <summary>The real package through the whole pack: the Apex parser and <c>sf project convert source</c> from npm.</summary>
public sealed class SalesforcePackTests : IDisposable
{
    private static readonly XNamespace Md = "http://soap.sforce.com/2006/04/metadata";

    private readonly PackageCopy _copy = new();

    public void Dispose() => _copy.Dispose();

    [SalesforceToolsFact]
    public void Pack_RealTree_WritesAZipWhosePackageXmlListsEveryComponent()
    {
        var r = _copy.Pack();

        Assert.True(r.ExitCode == 0, r.ToString());
        using var zip = ZipFile.OpenRead(_copy.Zip);
        var counts = Counts(zip);
        Assert.Equal(56, counts["CustomField"]);   // 16 on Contact, 16 on Lead, 14 on Call_Recording__c, 10 on Consent_Log__c
        Assert.Equal(2, counts["CustomObject"]);
        Assert.Equal(3, counts["CustomPermission"]);
        Assert.Equal(4, counts["PermissionSet"]);
        Assert.Equal(4, counts["Flow"]);
        Assert.Equal(2, counts["WorkflowOutboundMessage"]);
        Assert.Equal(1, counts["CallCenter"]);
        Assert.Equal(3, counts["FlexiPage"]);
        Assert.Equal(8, counts["ListView"]);
        Assert.NotNull(zip.GetEntry("callCenters/CrmRecording_Dialer.callCenter"));
        Assert.NotNull(zip.GetEntry("flows/Recording_Call_Task_Gate.flow"));
        Assert.Contains("Packed the Salesforce package: 1 CallCenter, 56 CustomField, 2 CustomObject,", r.Out, StringComparison.Ordinal);
    }

    [SalesforceToolsFact]
    public void Pack_ValidApexClass_IsParsedAndPackagedAsApexClass()
    {
        AddClass("RecordingGateCheck", "public with sharing class RecordingGateCheck {\n    public static Boolean forbids(String status) {\n        return status == 'declined' || status == 'revoked';\n    }\n}\n");

        var r = _copy.Pack();

        Assert.True(r.ExitCode == 0, r.ToString());
        using var zip = ZipFile.OpenRead(_copy.Zip);
        Assert.Equal(1, Counts(zip)["ApexClass"]);
    }

    [SalesforceToolsFact]
    public void Pack_ApexClassWithASyntaxError_NamesFileAndLineFromTheParser()
    {
        AddClass("Broken", "public class Broken {\n    public void run() {\n        Integer x = ;\n    }\n}\n");

        var r = _copy.Pack();

        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Matches(@"crmrec: force-app/main/default/classes/Broken\.cls:3: Apex syntax error at column \d+: .*';'", r.Error);
        Assert.False(File.Exists(_copy.Zip));
    }

    [SalesforceToolsFact]
    public void Pack_TriggerWithASyntaxError_IsParsedAsATrigger()
    {
        _copy.Write(PackageCopy.Default + "triggers/TaskGate.trigger", "trigger TaskGate on Task (before insert {\n}\n");
        _copy.Write(PackageCopy.Default + "triggers/TaskGate.trigger-meta.xml", Meta("ApexTrigger"));

        var r = _copy.Pack();

        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Matches(@"crmrec: force-app/main/default/triggers/TaskGate\.trigger:1: Apex syntax error", r.Error);
    }

    private void AddClass(string name, string body)
    {
        _copy.Write($"{PackageCopy.Default}classes/{name}.cls", body);
        _copy.Write($"{PackageCopy.Default}classes/{name}.cls-meta.xml", Meta("ApexClass"));
    }

    private static string Meta(string type) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{type} xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <apiVersion>66.0</apiVersion>\n    <status>Active</status>\n</{type}>\n";

    private static Dictionary<string, int> Counts(ZipArchive zip)
    {
        using var stream = zip.GetEntry("package.xml")!.Open();
        return XDocument.Load(stream).Root!.Elements(Md + "types")
            .ToDictionary(t => t.Element(Md + "name")!.Value, t => t.Elements(Md + "members").Count());
    }
}
