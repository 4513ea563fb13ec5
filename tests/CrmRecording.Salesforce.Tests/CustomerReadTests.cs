using CrmRecording.Salesforce.Tests.Support;

namespace CrmRecording.Salesforce.Tests;

/// <summary>Contacts, leads and opportunities as a recording decision reads them.</summary>
public sealed class CustomerReadTests
{
    private static readonly SalesforceId ContactId = SalesforceId.Parse("0035g00000AnaReAAA");

    [Fact]
    public async Task GetContact_Picklists_AsksForCodesAndConsentFieldsAndPrefersTheCodes()
    {
        using var h = new SalesforceHarness().WithSession(() => Responses.Ok("""
            {"attributes":{"type":"Contact","url":"/services/data/v66.0/sobjects/Contact/0035g00000AnaReAAA"},
             "Id":"0035g00000AnaReAAA","Name":"Ana Reyes","Phone":null,"MobilePhone":"+1 415 555 0101",
             "MailingState":"California","MailingCountry":"United States","MailingStateCode":"CA","MailingCountryCode":"US",
             "OwnerId":"0055g00000RepAAAA1","Recording_Verified_Region__c":null,"Recording_Device_Type__c":"mobile",
             "Recording_Consent_Status__c":"granted","Recording_Consent_Date__c":"2026-03-01","Recording_Consent_Method__c":"keypad",
             "Recording_Do_Not_Record__c":false}
            """));

        var contact = await h.Client.GetContactAsync(ContactId);

        Assert.Equal(
            SalesforceHarness.Api + "sobjects/Contact/0035g00000AnaReAAA?fields=" + Uri.EscapeDataString(
                "Id,Name,Phone,MobilePhone,MailingState,MailingCountry,MailingStateCode,MailingCountryCode,OwnerId,Recording_Verified_Region__c,Recording_Device_Type__c,Recording_Consent_Status__c,Recording_Consent_Date__c,Recording_Consent_Method__c,Recording_Do_Not_Record__c"),
            h.DataRequests[0].Uri);
        Assert.NotNull(contact);
        Assert.Equal(("CA", "US"), (contact.Region, contact.CountryOrCode));
        Assert.Null(contact.Phone);
        Assert.Equal("+1 415 555 0101", contact.MobilePhone);
        Assert.Equal(("granted", new DateOnly(2026, 3, 1), "keypad", false), (contact.ConsentStatus, contact.ConsentDate, contact.ConsentMethod, contact.DoNotRecord));
        Assert.Equal("0055g00000RepAAAA1", contact.OwnerId!.Value.Value);
    }

    [Fact]
    public async Task GetLead_NoPicklists_ReadsTheTextAddress()
    {
        using var h = new SalesforceHarness(o => o.StateAndCountryPicklists = false).WithSession(() => Responses.Ok("""
            {"Id":"00Q5g00000JordanAA","Name":"Jordan Park","Phone":"+1 206 555 0110","State":"WA","Country":"USA","OwnerId":null,
             "Recording_Do_Not_Record__c":true}
            """));

        var lead = await h.Client.GetLeadAsync(SalesforceId.Parse("00Q5g00000JordanAA"));

        Assert.DoesNotContain("StateCode", h.DataRequests[0].Uri, StringComparison.Ordinal);
        Assert.Contains("fields=Id%2CName%2CPhone%2CMobilePhone%2CState%2CCountry%2COwnerId", h.DataRequests[0].Uri, StringComparison.Ordinal);
        Assert.Equal(("Lead", "WA", "USA", true), (lead!.ObjectType, lead.Region, lead.CountryOrCode, lead.DoNotRecord));
    }

    [Fact]
    public async Task GetContact_ConsentDateNotADate_NamesTheField()
    {
        using var h = new SalesforceHarness().WithSession(() => Responses.Ok("""{"Id":"0035g00000AnaReAAA","Recording_Consent_Date__c":"last spring"}"""));

        var e = await Assert.ThrowsAsync<SalesforceException>(() => h.Client.GetContactAsync(ContactId));

        Assert.Contains("Recording_Consent_Date__c", e.ServerMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetOpportunity_PrimaryContactRole_IsTheContactToCall()
    {
        using var h = new SalesforceHarness().WithSession(
            () => Responses.Ok("""{"Id":"0065g00000FleetAAA","Name":"Fleet telematics renewal","AccountId":"0015g00000AcmeCAAA"}"""),
            () => Responses.Query("""{"attributes":{"type":"OpportunityContactRole"},"ContactId":"0035g00000AnaReAAA"}"""));

        var opportunity = await h.Client.GetOpportunityAsync(SalesforceId.Parse("0065g00000FleetAAA"));

        Assert.Equal(ContactId, opportunity!.PrimaryContactId);
        Assert.Equal(SalesforceHarness.Api + "sobjects/Opportunity/0065g00000FleetAAA?fields=Id%2CName%2CAccountId", h.DataRequests[0].Uri);
        Assert.Equal(
            SalesforceHarness.Api + "query?q=" + Uri.EscapeDataString("SELECT ContactId FROM OpportunityContactRole WHERE OpportunityId = '0065g00000FleetAAA' AND IsPrimary = true LIMIT 1"),
            h.DataRequests[1].Uri);
    }

    [Fact]
    public async Task GetOpportunity_NoPrimaryRole_HasNoContact()
    {
        using var h = new SalesforceHarness().WithSession(
            () => Responses.Ok("""{"Id":"0065g00000FleetAAA","Name":"Fleet telematics renewal","AccountId":null}"""),
            () => Responses.Query(string.Empty));

        var opportunity = await h.Client.GetOpportunityAsync(SalesforceId.Parse("0065g00000FleetAAA"));

        Assert.Null(opportunity!.PrimaryContactId);
    }
}
