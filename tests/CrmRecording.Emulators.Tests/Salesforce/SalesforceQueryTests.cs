using CrmRecording.Emulators.Salesforce.Seed;
using CrmRecording.Salesforce;

namespace CrmRecording.Emulators.Tests.Salesforce;

/// <summary>The stand-in parses the SOQL it is sent and refuses anything outside the client's subset as Salesforce would.</summary>
public sealed class SalesforceQueryTests
{
    [Theory]
    [InlineData("SELECT Id FROM Contact ORDER BY Name")]
    [InlineData("SELECT Id FROM Contact WHERE Name LIKE 'A%'")]
    [InlineData("SELECT Id FROM Contact WHERE Phone = '1' OR Phone = '2'")]
    [InlineData("SELECT COUNT() FROM Contact")]
    [InlineData("SELECT Id, (SELECT Id FROM Contacts) FROM Account")]
    [InlineData("SELECT Id FROM Contact WHERE Name = 'unterminated")]
    [InlineData("SELECT Id FROM SetupEntityAccess WHERE ParentId IN (SELECT PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId IN (SELECT Id FROM User WHERE IsActive = true))")]
    [InlineData("DELETE FROM Contact")]
    public async Task Query_OutsideTheSubset_IsMalformedQuery(string soql)
    {
        await using var s = await SalesforceSession.StartAsync();

        var e = await Assert.ThrowsAsync<SalesforceException>(() => s.Client.QueryAsync(soql));

        Assert.Equal((400, "MALFORMED_QUERY"), (e.Status, e.ErrorCode));
    }

    [Fact]
    public async Task Query_UnknownField_IsInvalidFieldNamingIt()
    {
        await using var s = await SalesforceSession.StartAsync();

        var e = await Assert.ThrowsAsync<SalesforceException>(() => s.Client.QueryAsync("SELECT Id, Fax FROM Contact"));

        Assert.Equal(("INVALID_FIELD", "Fax"), (e.ErrorCode, e.Fields.Single()));
    }

    [Fact]
    public async Task Query_UnknownObject_IsInvalidType()
    {
        await using var s = await SalesforceSession.StartAsync();

        var e = await Assert.ThrowsAsync<SalesforceException>(() => s.Client.QueryAsync("SELECT Id FROM Case"));

        Assert.Equal("INVALID_TYPE", e.ErrorCode);
    }

    [Fact]
    public async Task Query_EscapedQuote_MatchesTheLiteral()
    {
        await using var s = await SalesforceSession.StartAsync();

        var rows = await s.Client.QueryAsync("SELECT Id FROM Contact WHERE Name = 'Ana Reyes' AND MailingStateCode = 'CA'");
        var none = await s.Client.QueryAsync("SELECT Id FROM Contact WHERE Name = 'Ana Reyes\\' OR \\'1\\'=\\'1'");

        Assert.Equal(SalesforceSeed.Contacts.CaliforniaMobile, (string?)Assert.Single(rows)["Id"]);
        Assert.Empty(none);
    }

    [Fact]
    public async Task Query_EveryQueryTheClientSends_IsInTheSubset()
    {
        await using var s = await SalesforceSession.StartAsync();
        var rep = SalesforceId.Parse(SalesforceSeed.Users.SalesRep);

        await s.Client.GetOpportunityAsync(SalesforceId.Parse(SalesforceSeed.Opportunities.FleetRenewal));
        await s.Client.GetUserAsync(rep);
        await s.Client.GetRoleHierarchyAsync();
        await s.Client.GetCustomPermissionsAsync(rep);

        // Each call above throws if the stand-in refuses its SOQL; the five queries are the client's whole repertoire.
        Assert.Equal(
            ["OpportunityContactRole", "User", "UserRole", "SetupEntityAccess", "CustomPermission"],
            s.Soql.Select(q => q.Split(" FROM ")[1].Split(' ')[0]));
    }
}
