using System.Net;
using CrmRecording.Dataverse.Tests.Support;
using Polly.CircuitBreaker;

namespace CrmRecording.Dataverse.Tests;

/// <summary>Every failure is one <see cref="DataverseException"/> with status, code, message and request id.</summary>
public sealed class DataverseClientErrorTests
{
    private static readonly Guid ContactId = Guid.Parse("0928bcb4-bb27-ed11-9db1-002248274ada");

    [Fact]
    public async Task Error_DocumentedPluginErrorSample_CarriesCodeMessageAndRequestId()
    {
        using var h = new ClientHarness();
        // The response of "Include more details with errors" (compose-http-requests-handle-errors.md).
        h.Handler.Reply(() => Responses.Json(
            HttpStatusCode.BadRequest, Samples.Text("dataverse-webapi-error-sample.json"), ("REQ_ID", "52e2dbb9-85d3-ea11-a812-000d3a122b89")));

        var e = await Assert.ThrowsAsync<DataverseException>(() =>
            h.Client.UpdateAsync("contacts", ContactId, new Dictionary<string, object?> { ["crr_verifiedregion"] = "US-CA" }));

        Assert.Equal(400, e.Status);
        Assert.Equal("0x80040265", e.ErrorCode);
        Assert.Equal("Example Error Message.", e.ServerMessage);
        Assert.Equal("52e2dbb9-85d3-ea11-a812-000d3a122b89", e.RequestId);
        Assert.Equal("Dataverse returned 400 (0x80040265): Example Error Message. [request 52e2dbb9-85d3-ea11-a812-000d3a122b89]", e.Message);
    }

    [Fact]
    public async Task Error_ServiceRequestIdHeader_IsTheRequestIdWhenReqIdIsAbsent()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Json(
            HttpStatusCode.Forbidden,
            """{"error":{"code":"0x80040220","message":"Principal user is missing prvReadContact privilege."}}""",
            ("x-ms-service-request-id", "c9af118d-b483-48c8-887a-baa4de679bf0")));

        var e = await Assert.ThrowsAsync<DataverseException>(() => h.Client.GetContactAsync(ContactId));

        Assert.Equal(403, e.Status);
        Assert.Equal("c9af118d-b483-48c8-887a-baa4de679bf0", e.RequestId);
    }

    [Fact]
    public async Task Error_NotJson_QuotesStatusAndBody()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Text(HttpStatusCode.BadGateway, "<html>Bad gateway</html>"));

        var e = await Assert.ThrowsAsync<DataverseException>(() => h.Client.GetContactAsync(ContactId));

        Assert.Equal(502, e.Status);
        Assert.Null(e.ErrorCode);
        Assert.Equal("502 Bad Gateway: <html>Bad gateway</html>", e.ServerMessage);
    }

    [Fact]
    public async Task Error_EmptyCode_IsNoCode()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Json(HttpStatusCode.BadRequest, """{"error":{"code":"","message":"Could not find a property named 'crr_x' on type 'Microsoft.Dynamics.CRM.contact'."}}"""));

        var e = await Assert.ThrowsAsync<DataverseException>(() => h.Client.GetContactAsync(ContactId));

        Assert.Null(e.ErrorCode);
        Assert.StartsWith("Could not find a property", e.ServerMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_TransportFailure_IsStatusZero()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(HttpResponseMessage () => throw new HttpRequestException("Connection refused"));

        var e = await Assert.ThrowsAsync<DataverseException>(() => h.Client.GetContactAsync(ContactId));

        Assert.Equal(0, e.Status);
        Assert.IsType<HttpRequestException>(e.InnerException);
        Assert.StartsWith("Dataverse could not be reached", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_SuccessWithInvalidJson_ThrowsDataverseException()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Json(HttpStatusCode.OK, "{\"telephone1\":"));

        var e = await Assert.ThrowsAsync<DataverseException>(() => h.Client.GetContactAsync(ContactId));

        Assert.Equal(200, e.Status);
        Assert.Contains("not valid JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_DataverseKeepsFailing_CircuitOpensAndTheNextRequestFailsAtOnceWithoutBeingSent()
    {
        using var h = new ClientHarness();
        for (var i = 0; i < 20; i++)
        {
            h.Handler.Reply(() => Responses.Empty(HttpStatusCode.InternalServerError));
            await Assert.ThrowsAsync<DataverseException>(() => h.Client.GetContactAsync(ContactId));
        }

        var e = await Assert.ThrowsAsync<DataverseException>(() => h.Client.GetContactAsync(ContactId));

        Assert.Equal(0, e.Status);
        Assert.Equal(TimeSpan.FromSeconds(15), e.RetryAfter);
        Assert.IsType<BrokenCircuitException>(e.InnerException);
        Assert.Equal(20, h.Handler.Requests.Count);
    }
}
