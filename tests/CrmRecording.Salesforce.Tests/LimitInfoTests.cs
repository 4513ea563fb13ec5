using CrmRecording.Salesforce.Http;
using CrmRecording.Salesforce.Tests.Support;

namespace CrmRecording.Salesforce.Tests;

/// <summary><c>Sforce-Limit-Info</c>: the org's API usage, read from every response.</summary>
public sealed class LimitInfoTests
{
    [Fact]
    public async Task LastApiUsage_DocumentedHeader_IsReadFromTheResponse()
    {
        var header = Samples.Header("sf-rest-limit-info-header.http", "Sforce-Limit-Info");
        using var h = new SalesforceHarness().WithSession(() => Responses.Query(string.Empty, headers: ("Sforce-Limit-Info", header)));
        Assert.Null(h.Client.LastApiUsage);

        await h.Client.QueryAsync("SELECT Id FROM Contact");

        Assert.Equal(new ApiUsage(18, 5000), h.Client.LastApiUsage);
    }

    [Theory]
    [InlineData("api-usage=10018/100000", 10018, 100000)]
    [InlineData("api-usage=25/5000; api-bursts=1/750", 25, 5000)]
    [InlineData("per-app-api-usage=17/250(appName=sample-app), api-usage=30/5000", 30, 5000)]
    public void FromHeader_DocumentedForms_ReadTheOrgWideUsage(string header, long used, long limit)
    {
        Assert.Equal(new ApiUsage(used, limit), ApiUsage.FromHeader(header));
    }

    [Theory]
    [InlineData("per-app-api-usage=17/250(appName=sample-app)")]
    [InlineData("api-usage=x/5000")]
    [InlineData("")]
    public void FromHeader_NoOrgWideUsage_IsNull(string header)
    {
        Assert.Null(ApiUsage.FromHeader(header));
    }

    [Fact]
    public void Fraction_IsUsedOverLimit()
    {
        Assert.Equal(0.8, new ApiUsage(4000, 5000).Fraction, 6);
    }
}
