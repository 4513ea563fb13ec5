using CrmRecording.Dataverse;
using CrmRecording.Emulators.Dataverse.Seed;

namespace CrmRecording.Emulators.Tests.Dataverse.Client;

/// <summary>The production client, unchanged, reading and updating contacts and leads on the stand-in.</summary>
public sealed class DataverseClientCustomerTests : IAsyncLifetime
{
    private ClientSession session = null!;

    public async Task InitializeAsync() => session = await ClientSession.StartAsync();

    public async Task DisposeAsync() => await session.DisposeAsync();

    [Fact]
    public async Task GetContact_CaliforniaMobile_ReadsPhonesAddressOwnerAndConsentColumns()
    {
        var contact = await session.Client.GetContactAsync(SeedData.Contacts.CaliforniaMobile);

        Assert.NotNull(contact);
        Assert.Equal(RowReference.Contact(SeedData.Contacts.CaliforniaMobile), contact.Row);
        Assert.Equal("+14155550101", contact.MobilePhone);
        Assert.Null(contact.BusinessPhone);
        Assert.Equal("CA", contact.StateOrProvince);
        Assert.Equal("United States", contact.Country);
        Assert.Equal(SeedData.Users.SalesRep, contact.OwnerId);
        Assert.False(contact.DoNotRecord);

        var request = session.StandIn.Requests.All.Single();
        Assert.Equal("GET", request.Method);
        Assert.Equal(
            $"/api/data/v9.2/contacts({SeedData.Contacts.CaliforniaMobile})?$select=telephone1,mobilephone,address1_stateorprovince,address1_country,_ownerid_value,crr_verifiedregion,crr_devicetype,crr_consentstatus,crr_consentdate,crr_consentmethod,crr_donotrecord",
            Uri.UnescapeDataString(request.Url.PathAndQuery));
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.Equal("4.0", request.Header("OData-MaxVersion"));
        Assert.Equal("4.0", request.Header("OData-Version"));
        Assert.Equal($"Bearer {session.StandIn.Options.BearerToken}", request.Header("Authorization"));
    }

    [Fact]
    public async Task GetContact_DeclinedConsent_ReadsStatusDateAndMethod()
    {
        var contact = await session.Client.GetContactAsync(SeedData.Contacts.DeclinedConsent);

        Assert.Equal("declined", contact!.ConsentStatus);
        Assert.Equal(new DateOnly(2025, 1, 15), contact.ConsentDate);
        Assert.Equal("verbal", contact.ConsentMethod);
    }

    [Fact]
    public async Task GetContact_Missing_IsNull()
    {
        Assert.Null(await session.Client.GetContactAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task GetLead_SeattleProspect_ReadsItsMobileAndRegion()
    {
        var lead = await session.Client.GetLeadAsync(SeedData.Leads.SeattleProspect);

        Assert.Equal(RowReference.Lead(SeedData.Leads.SeattleProspect), lead!.Row);
        Assert.Equal("+12065550110", lead.MobilePhone);
        Assert.Equal("WA", lead.StateOrProvince);
    }

    [Fact]
    public async Task Update_EnrichmentColumns_PatchesWithIfMatchStar()
    {
        await session.Client.UpdateAsync("contacts", SeedData.Contacts.London, new Dictionary<string, object?>
        {
            ["crr_devicetype"] = "landline",
            ["crr_verifiedregion"] = "GB",
            ["crr_lastenriched"] = new DateTimeOffset(2025, 2, 1, 10, 0, 0, TimeSpan.Zero),
        });

        var request = session.StandIn.Requests.All.Single();
        Assert.Equal("PATCH", request.Method);
        Assert.Equal("*", request.Header("If-Match"));
        var row = session.StandIn.GetRow("contacts", SeedData.Contacts.London)!;
        Assert.Equal("landline", row["crr_devicetype"]!.GetValue<string>());
        Assert.Equal("2025-02-01T10:00:00Z", row["crr_lastenriched"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_MissingContact_ThrowsTheDataverseNotFoundError()
    {
        var missing = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<DataverseException>(() =>
            session.Client.UpdateAsync("contacts", missing, new Dictionary<string, object?> { ["crr_devicetype"] = "mobile" }));

        Assert.Equal(404, error.Status);
        Assert.Equal("0x80040217", error.ErrorCode);
        Assert.Equal($"contact With Id = {missing} Does Not Exist", error.ServerMessage);
        Assert.True(Guid.TryParse(error.RequestId, out _));
        Assert.Null(session.StandIn.GetRow("contacts", missing));
    }
}
