using System.Net;
using CrmRecording.Dataverse.Tests.Support;

namespace CrmRecording.Dataverse.Tests;

public sealed class DataverseClientCustomersTests
{
    private static readonly Guid ContactId = Guid.Parse("0928bcb4-bb27-ed11-9db1-002248274ada");

    private const string Select =
        "$select=telephone1,mobilephone,address1_stateorprovince,address1_country,_ownerid_value,crr_verifiedregion,crr_devicetype,crr_consentstatus,crr_consentdate,crr_consentmethod,crr_donotrecord";

    // Shaped like the retrieve response of Microsoft's "Web API Basic Operations Sample": context, etag,
    // formatted-value and lookup annotations next to the values, and the primary key.
    private const string ContactRow = """
        {
          "@odata.context": "https://org.crm.dynamics.com/api/data/v9.2/$metadata#contacts(telephone1,mobilephone,address1_stateorprovince,address1_country,_ownerid_value,crr_verifiedregion,crr_devicetype,crr_consentstatus,crr_consentdate,crr_consentmethod,crr_donotrecord)/$entity",
          "@odata.etag": "W/\"72935648\"",
          "telephone1": "+1 415 555 0105",
          "mobilephone": null,
          "address1_stateorprovince": "CA",
          "address1_country": "United States",
          "_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "systemuser",
          "_ownerid_value": "75c2dd85-e89e-e711-8122-000d3aa2331c",
          "crr_verifiedregion": "US-CA",
          "crr_devicetype": "mobile",
          "crr_consentstatus": "granted",
          "crr_consentdate": "2026-11-02",
          "crr_consentmethod": "keypad",
          "crr_donotrecord": false,
          "contactid": "0928bcb4-bb27-ed11-9db1-002248274ada"
        }
        """;

    [Fact]
    public async Task GetContactAsync_ExistingContact_SelectsDecisionColumnsAndReturnsTypedRecord()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Json(HttpStatusCode.OK, ContactRow));

        var contact = await h.Client.GetContactAsync(ContactId);

        var request = h.Single;
        Assert.Equal("GET", request.Method);
        Assert.Equal($"{ClientHarness.Api}contacts(0928bcb4-bb27-ed11-9db1-002248274ada)?{Select}", request.Uri);
        ClientHarness.AssertODataHeaders(request);
        Assert.Null(request.Header("Prefer"));
        Assert.Null(request.Header("If-Match"));
        Assert.Null(request.Body);

        Assert.NotNull(contact);
        Assert.Equal(RowReference.Contact(ContactId), contact.Row);
        Assert.Equal("+1 415 555 0105", contact.BusinessPhone);
        Assert.Null(contact.MobilePhone);
        Assert.Equal("CA", contact.StateOrProvince);
        Assert.Equal("United States", contact.Country);
        Assert.Equal(Guid.Parse("75c2dd85-e89e-e711-8122-000d3aa2331c"), contact.OwnerId);
        Assert.Equal("US-CA", contact.VerifiedRegion);
        Assert.Equal("mobile", contact.DeviceType);
        Assert.Equal("granted", contact.ConsentStatus);
        Assert.Equal(new DateOnly(2026, 11, 2), contact.ConsentDate);
        Assert.Equal("keypad", contact.ConsentMethod);
        Assert.False(contact.DoNotRecord);
    }

    [Fact]
    public async Task GetLeadAsync_ExistingLead_ReadsFromLeadsEntitySet()
    {
        using var h = new ClientHarness();
        var leadId = Guid.Parse("2728bcb4-bb27-ed11-9db1-002248274ada");
        h.Handler.Reply(() => Responses.Json(HttpStatusCode.OK, """{"leadid":"2728bcb4-bb27-ed11-9db1-002248274ada","mobilephone":"+44 20 7946 0958","crr_donotrecord":true}"""));

        var lead = await h.Client.GetLeadAsync(leadId);

        Assert.Equal($"{ClientHarness.Api}leads(2728bcb4-bb27-ed11-9db1-002248274ada)?{Select}", h.Single.Uri);
        Assert.NotNull(lead);
        Assert.Equal(DataverseTable.Lead, lead.Row.Table);
        Assert.Equal("+44 20 7946 0958", lead.MobilePhone);
        Assert.Null(lead.BusinessPhone);
        Assert.Null(lead.ConsentDate);
        Assert.True(lead.DoNotRecord);
    }

    [Fact]
    public async Task GetContactAsync_NoSuchContact_ReturnsNull()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Json(
            HttpStatusCode.NotFound,
            """{"error":{"code":"0x80040217","message":"contact With Id = 0928bcb4-bb27-ed11-9db1-002248274ada Does Not Exist"}}"""));

        Assert.Null(await h.Client.GetContactAsync(ContactId));
    }

    [Fact]
    public async Task GetContactAsync_ChoiceColumnsAndDateTimeConsent_ReadAsOptionNumberTextAndUtcDate()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Json(
            HttpStatusCode.OK,
            """{"crr_devicetype":100000001,"crr_consentstatus":100000002,"crr_consentdate":"2026-11-02T23:30:00Z","crr_donotrecord":null}"""));

        var contact = await h.Client.GetContactAsync(ContactId);

        Assert.NotNull(contact);
        Assert.Equal("100000001", contact.DeviceType);
        Assert.Equal("100000002", contact.ConsentStatus);
        Assert.Equal(new DateOnly(2026, 11, 2), contact.ConsentDate);
        Assert.Null(contact.DoNotRecord);
        Assert.Null(contact.OwnerId);
    }

    [Fact]
    public async Task GetContactAsync_ColumnOfWrongType_ThrowsNamingTheColumn()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Json(HttpStatusCode.OK, """{"crr_donotrecord":"yes"}"""));

        var e = await Assert.ThrowsAsync<DataverseException>(() => h.Client.GetContactAsync(ContactId));

        Assert.Contains("crr_donotrecord", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetContactAsync_EmptyId_ThrowsBeforeSending()
    {
        using var h = new ClientHarness();

        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.GetContactAsync(Guid.Empty));

        Assert.Empty(h.Handler.Requests);
    }
}
