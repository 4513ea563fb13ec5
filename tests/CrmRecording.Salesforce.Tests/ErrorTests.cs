using System.Net;
using CrmRecording.Salesforce.Tests.Support;

namespace CrmRecording.Salesforce.Tests;

/// <summary>The error array becomes one exception; limits and outages say when to come back and are never retried in a loop.</summary>
public sealed class ErrorTests
{
    private static readonly SalesforceId ContactId = SalesforceId.Parse("0031U00000JajaoQAB");

    [Fact]
    public async Task Error_Array_GivesStatusCodeMessageAndFields()
    {
        using var h = new SalesforceHarness().WithSession(() => Responses.Json(
            HttpStatusCode.BadRequest,
            """[{"message":"No such column 'Phone2' on entity 'Contact'.","errorCode":"INVALID_FIELD","fields":["Phone2"]}]"""));

        var e = await Assert.ThrowsAsync<SalesforceException>(() => h.Client.RetrieveAsync("Contact", ContactId, ["Phone2"]));

        Assert.Equal(400, e.Status);
        Assert.Equal("INVALID_FIELD", e.ErrorCode);
        Assert.Equal(["Phone2"], e.Fields);
        Assert.Equal("Salesforce returned 400 (INVALID_FIELD): No such column 'Phone2' on entity 'Contact'. [fields Phone2]", e.Message);
        Assert.False(e.IsRetryLater);
    }

    [Fact]
    public async Task Error_RequestLimitExceeded_IsRetryLaterAfterTheDailyDelayAndSentOnce()
    {
        using var h = new SalesforceHarness().WithSession(() => Responses.Json(
            HttpStatusCode.Forbidden, """[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"""));

        var e = await Assert.ThrowsAsync<SalesforceException>(() => h.Client.GetContactAsync(ContactId));

        Assert.Equal("REQUEST_LIMIT_EXCEEDED", e.ErrorCode);
        Assert.Equal(TimeSpan.FromMinutes(15), e.RetryAfter);
        Assert.Single(h.DataRequests);
        Assert.Empty(h.Time.Waits);
    }

    [Fact]
    public async Task Error_ConcurrentRequestLimit_IsRetryLaterSoon()
    {
        using var h = new SalesforceHarness().WithSession(() => Responses.Json(
            HttpStatusCode.Forbidden, """[{"message":"ConcurrentPerOrgLongTxn Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"""));

        var e = await Assert.ThrowsAsync<SalesforceException>(() => h.Client.GetContactAsync(ContactId));

        Assert.Equal(TimeSpan.FromSeconds(20), e.RetryAfter);
    }

    [Fact]
    public async Task Error_OtherForbidden_IsNotRetryLater()
    {
        using var h = new SalesforceHarness().WithSession(() => Responses.Json(
            HttpStatusCode.Forbidden, """[{"message":"insufficient access rights on object id","errorCode":"INSUFFICIENT_ACCESS"}]"""));

        var e = await Assert.ThrowsAsync<SalesforceException>(() => h.Client.GetContactAsync(ContactId));

        Assert.Equal("INSUFFICIENT_ACCESS", e.ErrorCode);
        Assert.Null(e.RetryAfter);
    }

    [Theory]
    [InlineData("120", 120)]
    [InlineData(null, 30)]
    public async Task Error_ServiceUnavailable_IsRetryLaterAfterRetryAfterOrTheDefault(string? retryAfter, int seconds)
    {
        using var h = new SalesforceHarness().WithSession(() => Responses.Json(
            HttpStatusCode.ServiceUnavailable, "[]", retryAfter is null ? [] : [("Retry-After", retryAfter)]));

        var e = await Assert.ThrowsAsync<SalesforceException>(() => h.Client.GetContactAsync(ContactId));

        Assert.Equal(503, e.Status);
        Assert.Equal(TimeSpan.FromSeconds(seconds), e.RetryAfter);
        Assert.Single(h.DataRequests);
    }

    [Fact]
    public async Task Error_NoConnection_IsStatusZeroAndRetryLater()
    {
        using var h = new SalesforceHarness().WithSession();
        h.Handler.Fail("Connection refused (acme-data.my.salesforce.com:443)");

        var e = await Assert.ThrowsAsync<SalesforceException>(() => h.Client.GetContactAsync(ContactId));

        Assert.Equal(0, e.Status);
        Assert.True(e.IsRetryLater);
        Assert.IsType<HttpRequestException>(e.InnerException);
    }

    [Fact]
    public async Task Error_HtmlPage_QuotesStatusAndBody()
    {
        using var h = new SalesforceHarness().WithSession(() => new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("<html>Maintenance</html>") });

        var e = await Assert.ThrowsAsync<SalesforceException>(() => h.Client.GetContactAsync(ContactId));

        Assert.Null(e.ErrorCode);
        Assert.Equal("500 Internal Server Error: <html>Maintenance</html>", e.ServerMessage);
    }

    [Fact]
    public async Task Error_NotFound_IsNullForARead()
    {
        using var h = new SalesforceHarness().WithSession(() => Responses.Json(
            HttpStatusCode.NotFound, """[{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]"""));

        Assert.Null(await h.Client.GetContactAsync(ContactId));
    }
}
