using System.IO.Compression;

namespace CrmRecording.Cli.Tests.Solution;

/// <summary>
/// Forms, views and the phone call command bar: packed into customizations.xml as Dataverse expects them, and a
/// copy of the source with one of them broken fails the pack naming the file and the element.
/// </summary>
public sealed class FormsAndViewsTests : IDisposable
{
    private const string ContactForm = "Entities/Contact/FormXml/main/{3a04b5d8-defd-4e29-a0e9-2bfb0afd5c37}.xml";
    private const string PhoneCallForm = "Entities/PhoneCall/FormXml/main/{f39d739d-966e-4c5c-a378-8b7dc2102f23}.xml";
    private const string ReviewView = "Entities/PhoneCall/SavedQueries/{aee11d72-01ba-42b2-a0ce-fc4e38a8f1a5}.xml";
    private const string ConsentLogView = "Entities/crr_ConsentLog/SavedQueries/{29e57469-84d4-41a5-8764-e9914aae21db}.xml";

    private readonly SourceCopy _copy = new();

    public void Dispose() => _copy.Dispose();

    [Fact]
    public void Pack_RealSource_PutsFormsViewsAndCommandBarInsideTheirTables()
    {
        var r = _copy.Pack();
        Assert.True(r.ExitCode == 0, r.ToString());
        using var zip = ZipFile.OpenRead(_copy.Zip);
        var entities = SolutionPackRun.Xml(zip, "customizations.xml").Root!.Element("Entities")!.Elements("Entity").ToDictionary(e => e.Element("Name")!.Value);

        var phoneCall = entities["PhoneCall"];
        Assert.Equal(["Name", "EntityInfo", "FormXml", "SavedQueries", "RibbonDiffXml", "Visualizations"], phoneCall.Elements().Select(e => e.Name.LocalName));
        var form = Assert.Single(phoneCall.Element("FormXml")!.Elements("forms"));
        Assert.Equal("main", form.Attribute("type")!.Value);
        var tab = form.Descendants("tab").Single(t => t.Attribute("name")!.Value == "tab_recording");
        Assert.Contains(tab.Descendants("Url"), u => u.Value == "crr_/player.html");
        Assert.Contains(tab.Descendants("RelationshipName"), n => n.Value == "crr_phonecall_crr_consentlog_phonecallid");
        Assert.Contains(phoneCall.Element("SavedQueries")!.Descendants("LocalizedName"), n => n.Attribute("description")!.Value == "Recordings awaiting review");
        Assert.Contains(phoneCall.Element("RibbonDiffXml")!.Descendants("JavaScriptFunction"), f => f.Attribute("FunctionName")!.Value == "crr.commands.openRecording");

        var consent = entities["Contact"].Descendants("section").Single(s => s.Attribute("name")!.Value == "recording_consent");
        Assert.Equal(["crr_consentstatus", "crr_consentdate", "crr_consentmethod", "crr_donotrecord", "crr_verifiedregion", "crr_consentevidenceref"], consent.Descendants("control").Select(c => c.Attribute("datafieldname")!.Value));
        var enrichment = entities["Lead"].Descendants("section").Single(s => s.Attribute("name")!.Value == "recording_enrichment").Descendants("control").ToList();
        Assert.NotEmpty(enrichment);
        Assert.All(enrichment, c => Assert.Equal("true", c.Attribute("disabled")?.Value));
        Assert.Equal(3, entities["crr_ConsentLog"].Descendants("savedquery").Count());
        Assert.Contains(entities["Territory"].Descendants("control"), c => c.Attribute("datafieldname")?.Value == "crr_jurisdiction");
    }

    [Fact]
    public void Pack_FormFieldThatIsNotAColumn_NamesTheFormAndTheControl()
    {
        _copy.Replace(ContactForm, "datafieldname=\"crr_consentmethod\"", "datafieldname=\"crr_consentmethd\"");

        Assert.Matches(@"crmrec: Entities/Contact/FormXml/main/\{3a04b5d8-defd-4e29-a0e9-2bfb0afd5c37\}\.xml:\d+: <control id=""crr_consentmethod"" datafieldname=""crr_consentmethd"">: crr_consentmethd is not a column of Contact in Entities/Contact/Entity\.xml\.", Fails());
    }

    [Fact]
    public void Pack_FormWebResourceThatIsNotThere_NamesTheControl()
    {
        _copy.Replace(PhoneCallForm, "<Url>crr_/player.html</Url>", "<Url>crr_/playback.html</Url>");

        Assert.Contains("<control id=\"WebResource_recording\">: <Url> 'crr_/playback.html' is not a web resource in WebResources/.", Fails(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_SubgridWhoseViewIsGone_NamesTheSubgridOnBothForms()
    {
        File.Delete(_copy.PathOf(ConsentLogView));

        var error = Fails();
        Assert.Matches(@"FormXml/main/\{f39d739d-966e-4c5c-a378-8b7dc2102f23\}\.xml:\d+: <control id=""consentlog"">: <ViewId> must be a view of crr_ConsentLog", error);
        Assert.Matches(@"FormXml/main/\{3a04b5d8-defd-4e29-a0e9-2bfb0afd5c37\}\.xml:\d+: <control id=""consentlog"">: <ViewId> must be a view of crr_ConsentLog", error);
    }

    [Fact]
    public void Pack_SubgridOnAnUnrelatedRelationship_NamesTheRelationship()
    {
        _copy.Replace(PhoneCallForm, "<RelationshipName>crr_phonecall_crr_consentlog_phonecallid</RelationshipName>", "<RelationshipName>crr_contact_crr_consentlog_customerid</RelationshipName>");

        Assert.Contains("<RelationshipName> 'crr_contact_crr_consentlog_customerid' is not a relationship in Other/Relationships/ from crr_ConsentLog to PhoneCall.", Fails(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_ViewConditionOnAColumnThatDoesNotExist_NamesTheCondition()
    {
        _copy.Replace(ReviewView, "<condition attribute=\"crr_reviewedon\"", "<condition attribute=\"crr_reviewdate\"");

        Assert.Matches(@"crmrec: Entities/PhoneCall/SavedQueries/\{aee11d72-01ba-42b2-a0ce-fc4e38a8f1a5\}\.xml:\d+: <condition attribute=""crr_reviewdate"">: crr_reviewdate is not a column of PhoneCall", Fails());
    }

    [Fact]
    public void Pack_ViewGridShowingAColumnItDoesNotFetch_NamesTheCell()
    {
        _copy.Replace(ReviewView, "          <attribute name=\"crr_recordedseconds\" />\n", string.Empty);

        Assert.Contains("<cell name=\"crr_recordedseconds\">: the grid shows crr_recordedseconds, which the FetchXML does not fetch", Fails(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_ViewOfAnotherTable_NamesTheFetchEntity()
    {
        _copy.Replace(ReviewView, "<entity name=\"phonecall\">", "<entity name=\"contact\">");

        Assert.Contains("<fetchxml> must hold <fetch><entity name=\"phonecall\">", Fails(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_CommandBarScriptThatIsNotAWebResource_NamesTheFunction()
    {
        _copy.Replace("Entities/PhoneCall/RibbonDiff.xml", "Library=\"$webresource:crr_/commands.js\"", "Library=\"$webresource:crr_/command.js\"");

        Assert.Contains("<JavaScriptFunction FunctionName=\"crr.commands.openRecording\" Library=\"$webresource:crr_/command.js\">: crr_/command.js is not a web resource in WebResources/.", Fails(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_ButtonWhoseCommandIsNotDefined_NamesTheButton()
    {
        _copy.Replace("Entities/PhoneCall/RibbonDiff.xml", "<CommandDefinition Id=\"crr.phonecall.PlayRecording.Command\">", "<CommandDefinition Id=\"crr.phonecall.Play.Command\">");

        Assert.Contains("<Button Id=\"crr.phonecall.PlayRecording.Button\" Command=\"crr.phonecall.PlayRecording.Command\">: no <CommandDefinition Id=\"crr.phonecall.PlayRecording.Command\"> in this file.", Fails(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_FormOfAnExistingTableNotListed_SaysWhichRootComponentToAdd()
    {
        _copy.Replace("Other/Solution.xml", "      <RootComponent type=\"60\" id=\"{3a04b5d8-defd-4e29-a0e9-2bfb0afd5c37}\" behavior=\"0\" />\n", string.Empty);

        Assert.Contains("is not listed in Other/Solution.xml <RootComponents>; add <RootComponent type=\"60\" id=\"{3a04b5d8-defd-4e29-a0e9-2bfb0afd5c37}\" behavior=\"0\" />", Fails(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_FormFileNotNamedAfterItsId_SaysTheName()
    {
        File.Move(_copy.PathOf(ContactForm), _copy.PathOf("Entities/Contact/FormXml/main/contact.xml"));

        Assert.Contains("SolutionPackager names the file after the form id: {3a04b5d8-defd-4e29-a0e9-2bfb0afd5c37}.xml.", Fails(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_PageLoadingAScriptThatIsNotAWebResource_NamesThePage()
    {
        _copy.Replace("WebResources/crr_/player.html", "src=\"player.js\"", "src=\"players.js\"");

        Assert.Contains("crmrec: WebResources/crr_/player.html: <script src=\"players.js\": crr_/players.js is not a web resource in WebResources/", Fails(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_OtherFileUnderATable_IsRefusedRatherThanDropped()
    {
        _copy.Write("Entities/Contact/Workflows/flow.xml", "<Workflow />");

        Assert.Contains("crmrec: Entities/Contact/Workflows/flow.xml: file: crmrec packs each table's Entity.xml (columns), FormXml/<type>/{id}.xml (forms), SavedQueries/{id}.xml (views), Visualizations/{id}.xml (charts) and RibbonDiff.xml (command bar); this file would be dropped.", Fails(), StringComparison.Ordinal);
    }

    private string Fails() => _copy.PackFails();
}
