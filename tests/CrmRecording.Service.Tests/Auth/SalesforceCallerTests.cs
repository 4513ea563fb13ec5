using System.Net;
using System.Net.Http.Headers;
using CrmRecording.Emulators.Salesforce.Seed;
using CrmRecording.Service.Tests.Calls;

namespace CrmRecording.Service.Tests.Auth;

/// <summary>
/// How a bearer token names a Salesforce user: the <c>sf_user_id</c> claim, or a <c>sub</c> that is Salesforce's
/// identity URL (<c>https://login.salesforce.com/id/ORG/USER</c>), whose org must be this service's org.
/// </summary>
public sealed class SalesforceCallerTests : IDisposable
{
    private readonly SandboxCall _sandbox = new(f =>
    {
        foreach (var (key, value) in TestTokens.Settings())
        {
            f.Settings[key] = value;
        }
    });

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task IdentityUrlSubject_OfThisOrgsReviewer_IsThatSalesforceUser()
    {
        var response = await GetManualStartsAsync(TestTokens.Mint(null, subject: $"https://login.salesforce.com/id/{SalesforceSeed.OrganizationId}/{SalesforceSeed.Users.ComplianceReviewer}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task IdentityUrlSubject_OfTheOutsider_IsRefusedTheReviewerList()
    {
        var response = await GetManualStartsAsync(TestTokens.Mint(null, subject: $"https://login.salesforce.com/id/{SalesforceSeed.OrganizationId}/{SalesforceSeed.Users.Outsider}"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Recording Reviewers", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdentityUrlSubject_FromAnotherOrg_NamesNobodyHere()
    {
        var response = await GetManualStartsAsync(TestTokens.Mint(null, subject: $"https://login.salesforce.com/id/00DXX0000000001AAA/{SalesforceSeed.Users.ComplianceReviewer}"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("No active Salesforce user", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpaqueSubjectWithoutOidOrSalesforceClaim_IsRefusedNamingTheClaims()
    {
        var response = await GetManualStartsAsync(TestTokens.Mint(null, subject: "005Sd0000000005IAA"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("sf_user_id", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> GetManualStartsAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/calls/manual-starts");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _sandbox.Anonymous.SendAsync(request);
    }
}
