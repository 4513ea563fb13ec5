namespace CrmRecording.Cli.Tests.Salesforce;

/// <summary>
/// Copies of the real package with one defect each: the pack exits 1 with <c>file:line: reason</c> and writes
/// nothing. These are caught before the sf CLI runs, so they need no tools.
/// </summary>
public sealed class BrokenPackageTests : IDisposable
{
    private const string ReviewerSet = PackageCopy.Default + "permissionsets/Recording_Reviewer.permissionset-meta.xml";
    private const string ContactFlow = PackageCopy.Default + "flows/Recording_Contact_Changed.flow-meta.xml";

    private readonly PackageCopy _copy = new();

    public void Dispose() => _copy.Dispose();

    private string[] Fails() => _copy.PackFails();

    [Fact]
    public void Pack_ApexClassWithoutMetaXml_NamesTheClassFile()
    {
        _copy.Write(PackageCopy.Default + "classes/RecordingGate.cls", "public with sharing class RecordingGate {}\n");

        Assert.Contains(
            "crmrec: force-app/main/default/classes/RecordingGate.cls: has no RecordingGate.cls-meta.xml beside it (apiVersion and status); sf project convert source would drop the ApexClass.",
            Fails());
    }

    [Fact]
    public void Pack_MalformedFieldXml_NamesFileAndLineAndReportsNothingElse()
    {
        const string field = PackageCopy.Default + "objects/Contact/fields/Recording_Rule__c.field-meta.xml";
        var line = _copy.Replace(field, "<label>Recording Rule</label>", "<label>Recording Rule</labl>");

        var errors = Fails();

        Assert.Matches($@"^crmrec: {field}:{line}: not well-formed XML: .*'label'.*'labl'", errors[0]);
        Assert.Equal(2, errors.Length);
    }

    [Fact]
    public void Pack_PermissionSetGrantingAFieldThatDoesNotExist_NamesThePermissionSetLine()
    {
        var line = _copy.Replace(ReviewerSet, "<field>Contact.Recording_Rule__c</field>", "<field>Contact.Recording_Rules__c</field>");

        Assert.Contains(
            $"crmrec: {ReviewerSet}:{line}: the permission set Recording_Reviewer grants Contact.Recording_Rules__c, which does not exist: there is no objects/Contact/fields/Recording_Rules__c.field-meta.xml.",
            Fails());
    }

    [Fact]
    public void Pack_FieldDeletedButStillGranted_NamesEveryPermissionSetAndPageThatUsesIt()
    {
        _copy.Delete(PackageCopy.Default + "objects/Lead/fields/Recording_Verified_Region__c.field-meta.xml");

        var errors = Fails();

        foreach (var set in new[] { "Recording_Administrator", "Recording_Dialer_User", "Recording_Reviewer", "Recording_Service_Integration" })
        {
            var file = $"{PackageCopy.Default}permissionsets/{set}.permissionset-meta.xml";
            Assert.Contains($"crmrec: {file}:{_copy.LineOf(file, "<field>Lead.Recording_Verified_Region__c</field>")}: the permission set {set} grants Lead.Recording_Verified_Region__c, which does not exist: there is no objects/Lead/fields/Recording_Verified_Region__c.field-meta.xml.", errors);
        }

        Assert.Contains(errors, e => e.StartsWith($"crmrec: {PackageCopy.Default}flows/Recording_Lead_Changed.flow-meta.xml:", StringComparison.Ordinal) && e.Contains("Lead.Recording_Verified_Region__c", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith($"crmrec: {PackageCopy.Default}workflows/Lead.workflow-meta.xml:", StringComparison.Ordinal) && e.Contains("the outbound message Recording_Lead_Changed sends Lead.Recording_Verified_Region__c", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith($"crmrec: {PackageCopy.Default}flexipages/Lead_Recording_Record_Page.flexipage-meta.xml:", StringComparison.Ordinal));
    }

    [Fact]
    public void Pack_FlowEntryFormulaNamingAMissingField_NamesTheFlowLine()
    {
        var line = _copy.Replace(ContactFlow, "ISCHANGED({!$Record.MobilePhone})", "ISCHANGED({!$Record.Mobile_Phone__c})");

        Assert.Contains(
            $"crmrec: {ContactFlow}:{line}: the flow Recording_Contact_Changed reads $Record.Mobile_Phone__c, that is Contact.Mobile_Phone__c, which does not exist: there is no objects/Contact/fields/Mobile_Phone__c.field-meta.xml.",
            Fails());
    }

    [Fact]
    public void Pack_GateFlowLookingUpAMissingStandardField_NamesTheLookupFilter()
    {
        const string gate = PackageCopy.Default + "flows/Recording_Call_Task_Gate.flow-meta.xml";
        var line = _copy.Replace(gate, "<field>CallDisposition</field>", "<field>CallResult</field>");

        Assert.Contains(
            $"crmrec: {gate}:{line}: the flow Recording_Call_Task_Gate's entry condition reads Task.CallResult, which is not a standard Task field crmrec knows.",
            Fails());
    }

    [Fact]
    public void Pack_FlowSendingAnOutboundMessageNoWorkflowDefines_NamesTheAction()
    {
        var line = _copy.Replace(ContactFlow, "<actionName>Contact.Recording_Contact_Changed</actionName>", "<actionName>Contact.Recording_Contact_Updated</actionName>");

        Assert.Contains(
            $"crmrec: {ContactFlow}:{line}: the flow Recording_Contact_Changed sends the outbound message 'Contact.Recording_Contact_Updated', which no workflows/OBJECT.workflow-meta.xml defines.",
            Fails());
    }

    [Fact]
    public void Pack_RelatedListWhoseLookupWasRenamed_NamesThePage()
    {
        const string lookup = PackageCopy.Default + "objects/Call_Recording__c/fields/Opportunity__c.field-meta.xml";
        const string page = PackageCopy.Default + "flexipages/Opportunity_Recording_Record_Page.flexipage-meta.xml";
        _copy.Replace(lookup, "<relationshipName>Call_Recordings</relationshipName>", "<relationshipName>Recordings</relationshipName>");

        Assert.Contains(
            $"crmrec: {page}:{_copy.LineOf(page, "<value>Call_Recordings__r</value>")}: the page Opportunity_Recording_Record_Page lists the related list Call_Recordings__r, but no lookup in the package points at Opportunity under the relationship name Call_Recordings.",
            Fails());
    }

    [Fact]
    public void Pack_LookupToAnObjectThatDoesNotExist_NamesTheLookup()
    {
        const string lookup = PackageCopy.Default + "objects/Consent_Log__c/fields/Lead__c.field-meta.xml";
        var line = _copy.Replace(lookup, "<referenceTo>Lead</referenceTo>", "<referenceTo>Leads</referenceTo>");

        Assert.Contains(
            $"crmrec: {lookup}:{line}: the lookup Consent_Log__c.Lead__c points at Leads, which is neither a standard object crmrec knows nor an object in the package.",
            Fails());
    }

    [Fact]
    public void Pack_ElementOutOfTheMetadataApisOrder_NamesItsLine()
    {
        const string field = PackageCopy.Default + "objects/Call_Recording__c/fields/Call_Id__c.field-meta.xml";
        _copy.Replace(field, "    <caseSensitive>true</caseSensitive>\n", string.Empty);
        _copy.Replace(field, "<unique>true</unique>", "<unique>true</unique>\n    <caseSensitive>true</caseSensitive>");

        Assert.Contains(
            $"crmrec: {field}:{_copy.LineOf(field, "<caseSensitive>")}: <caseSensitive> must come before <unique>: the Metadata API reads a CustomField's elements in order (fullName, then alphabetical) and refuses one out of place.",
            Fails());
    }

    [Fact]
    public void Pack_FileOfNoKnownMetadataType_SaysTheConverterWouldDropIt()
    {
        _copy.Write(PackageCopy.Default + "objects/Contact/fields/Recording_Rule.xml", "<CustomField/>");

        Assert.Contains(
            "crmrec: force-app/main/default/objects/Contact/fields/Recording_Rule.xml: not a metadata type crmrec knows by folder and suffix (folders: applications, callCenters, classes, cspTrustedSites, customPermissions, dashboards, externalCredentials, flexipages, flows, layouts, lwc, namedCredentials, objects, permissionsetgroups, permissionsets, remoteSiteSettings, reportTypes, reports, tabs, triggers, workflows; files end in .TYPE-meta.xml); sf project convert source would drop it.",
            Fails());
    }

    [Fact]
    public void Pack_FileWhoseRootIsAnotherType_NamesTheRoot()
    {
        const string field = PackageCopy.Default + "objects/Consent_Log__c/fields/At__c.field-meta.xml";
        _copy.Replace(field, "<CustomField xmlns", "<CustomObject xmlns");
        _copy.Replace(field, "</CustomField>", "</CustomObject>");

        Assert.Contains(
            $"crmrec: {field}:2: the root element is <CustomObject> in 'http://soap.sforce.com/2006/04/metadata'; a CustomField file's is <CustomField xmlns=\"http://soap.sforce.com/2006/04/metadata\">.",
            Fails());
    }

    [Fact]
    public void Pack_CallCenterOverHttp_IsRefused()
    {
        const string center = PackageCopy.Default + "callCenters/CrmRecording_Dialer.callCenter-meta.xml";
        var line = _copy.Replace(center, "<adapterUrl>https://SERVICE/crm/salesforce/dialer</adapterUrl>", "<adapterUrl>http://SERVICE/crm/salesforce/dialer</adapterUrl>");

        var errors = Fails();

        Assert.Contains($"crmrec: {center}:{line}: the call center's adapterUrl (Lightning loads the softphone only over https) must be an absolute https URL (got 'http://SERVICE/crm/salesforce/dialer').", errors);
        Assert.Contains(errors, e => e.Contains("the reqAdapterUrl item must equal adapterUrl.", StringComparison.Ordinal));
    }

    [Fact]
    public void Pack_PermissionSetGrantingAnUndefinedCustomPermission_NamesIt()
    {
        _copy.Delete(PackageCopy.Default + "customPermissions/Recording_Dialer.customPermission-meta.xml");
        const string set = PackageCopy.Default + "permissionsets/Recording_Dialer_User.permissionset-meta.xml";

        Assert.Contains(
            $"crmrec: {set}:{_copy.LineOf(set, "<name>Recording_Dialer</name>")}: the permission set Recording_Dialer_User grants the custom permission Recording_Dialer, which does not exist: there is no customPermissions/Recording_Dialer.customPermission-meta.xml.",
            Fails());
    }

    [Fact]
    public void Pack_ValidSourceButNoTools_NamesTheToolsFolderAndHowToInstall()
    {
        var r = _copy.Pack(Path.Combine(_copy.Scratch, "empty-tools"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--tools:", r.Error, StringComparison.Ordinal);
        Assert.Contains("npm ci --prefix .tools/salesforce-cli", r.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_copy.Zip));
    }
}
