using System.Net;
using CrmRecording.Dataverse.Tests.Support;

namespace CrmRecording.Dataverse.Tests;

public sealed class DataverseClientUpdateTests
{
    private static readonly Guid ContactId = Guid.Parse("0928bcb4-bb27-ed11-9db1-002248274ada");

    [Fact]
    public async Task UpdateAsync_Columns_PatchesWithIfMatchStarAndExactBody()
    {
        using var h = new ClientHarness();
        // Microsoft's "Web API Basic Operations Sample": PATCH with If-Match: * answers 204 with OData-EntityId.
        h.Handler.Reply(() => Responses.Empty(
            HttpStatusCode.NoContent, ("OData-EntityId", $"{ClientHarness.Api}contacts(0928bcb4-bb27-ed11-9db1-002248274ada)")));

        await h.Client.UpdateAsync("contacts", ContactId, new Dictionary<string, object?>
        {
            ["crr_verifiedregion"] = "US-CA",
            ["crr_recordedseconds"] = 95,
            ["crr_donotrecord"] = false,
            ["crr_consentdate"] = new DateOnly(2026, 11, 2),
            ["crr_lastenriched"] = new DateTimeOffset(2026, 11, 22, 1, 2, 3, TimeSpan.FromHours(-8)),
            ["crr_score"] = 12.5m,
            ["crr_consentmethod"] = null,
            ["crr_evidenceref"] = Guid.Parse("6d81597f-0f9f-e711-8122-000d3aa2331c"),
            ["parentcustomerid_contact@odata.bind"] = RowReference.Contact(Guid.Parse("70bf4d48-34cb-ed11-b596-0022481d68cd")),
        });

        var request = h.Single;
        Assert.Equal("PATCH", request.Method);
        Assert.Equal($"{ClientHarness.Api}contacts(0928bcb4-bb27-ed11-9db1-002248274ada)", request.Uri);
        ClientHarness.AssertODataHeaders(request);
        Assert.Equal("*", request.Header("If-Match"));
        Assert.Null(request.Header("Prefer"));
        ClientHarness.AssertJsonBody(request, """
            {
              "crr_verifiedregion": "US-CA",
              "crr_recordedseconds": 95,
              "crr_donotrecord": false,
              "crr_consentdate": "2026-11-02",
              "crr_lastenriched": "2026-11-22T09:02:03Z",
              "crr_score": 12.5,
              "crr_consentmethod": null,
              "crr_evidenceref": "6d81597f-0f9f-e711-8122-000d3aa2331c",
              "parentcustomerid_contact@odata.bind": "/contacts(70bf4d48-34cb-ed11-b596-0022481d68cd)"
            }
            """);
    }

    [Fact]
    public async Task UpdateAsync_RowDoesNotExist_Throws404InsteadOfCreating()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Json(
            HttpStatusCode.NotFound,
            """{"error":{"code":"0x80040217","message":"contact With Id = 0928bcb4-bb27-ed11-9db1-002248274ada Does Not Exist"}}"""));

        var e = await Assert.ThrowsAsync<DataverseException>(() =>
            h.Client.UpdateAsync("contacts", ContactId, new Dictionary<string, object?> { ["crr_verifiedregion"] = "US-CA" }));

        Assert.Equal(404, e.Status);
        Assert.Equal("0x80040217", e.ErrorCode);
        Assert.Equal("*", h.Single.Header("If-Match"));
    }

    [Theory]
    [InlineData("contacts(x)", "crr_verifiedregion")]
    [InlineData("", "crr_verifiedregion")]
    [InlineData("contacts", "crr verifiedregion")]
    [InlineData("contacts", "crr_x@odata.id")]
    public async Task UpdateAsync_InvalidNames_ThrowsBeforeSending(string entitySet, string column)
    {
        using var h = new ClientHarness();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            h.Client.UpdateAsync(entitySet, ContactId, new Dictionary<string, object?> { [column] = "x" }));

        Assert.Empty(h.Handler.Requests);
    }

    [Fact]
    public async Task UpdateAsync_NoColumns_ThrowsBeforeSending()
    {
        using var h = new ClientHarness();

        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.UpdateAsync("contacts", ContactId, new Dictionary<string, object?>()));

        Assert.Empty(h.Handler.Requests);
    }

    [Fact]
    public async Task UpdateAsync_LocalDateTime_ThrowsBecauseItsInstantIsAmbiguous()
    {
        using var h = new ClientHarness();

        var e = await Assert.ThrowsAsync<ArgumentException>(() => h.Client.UpdateAsync(
            "contacts", ContactId, new Dictionary<string, object?> { ["crr_lastenriched"] = new DateTime(2026, 11, 22, 9, 0, 0, DateTimeKind.Local) }));

        Assert.Contains("crr_lastenriched", e.Message, StringComparison.Ordinal);
        Assert.Empty(h.Handler.Requests);
    }
}
