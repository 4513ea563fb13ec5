using CrmRecording.Emulators.Salesforce.Seed;
using CrmRecording.Service.Crm.Salesforce;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Tests.Crm;

public sealed class SalesforceNotificationSettingsTests
{
    private const string Org18 = "00DSd0000000001AAA";

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Theory]
    [InlineData(null)]
    [InlineData("only-twenty-three-chars")]
    public void From_RemoteWithoutALongEnoughSecret_FailsNamingTheSetting(string? secret)
    {
        var configuration = Settings([("Salesforce:OrganizationId", Org18), .. secret is null ? Array.Empty<(string, string)>() : [("Salesforce:NotificationSecret", secret)]]);

        var e = Assert.Throws<OptionsValidationException>(() => SalesforceNotificationSettings.From(configuration, "remote", SalesforceSeed.OrganizationId));

        Assert.Contains("Salesforce:NotificationSecret must be set to at least 24 characters", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("005Sd0000000001AAA")]
    [InlineData("not-an-id")]
    public void From_RemoteWithoutTheOrgsId_FailsNamingTheSetting(string? organizationId)
    {
        var configuration = Settings([("Salesforce:NotificationSecret", "a-secret-of-twenty-four-chars"), .. organizationId is null ? Array.Empty<(string, string)>() : [("Salesforce:OrganizationId", organizationId)]]);

        var e = Assert.Throws<OptionsValidationException>(() => SalesforceNotificationSettings.From(configuration, "remote", SalesforceSeed.OrganizationId));

        Assert.Contains("Salesforce:OrganizationId", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_Sandbox_GeneratesASecretAndServesTheSandboxOrg()
    {
        var first = SalesforceNotificationSettings.From(Settings(), "sandbox", SalesforceSeed.OrganizationId);
        var second = SalesforceNotificationSettings.From(Settings(), "sandbox", SalesforceSeed.OrganizationId);

        Assert.True(first.Secret.Value.Length >= SalesforceNotificationSettings.MinSecretLength);
        Assert.NotEqual(first.Secret.Value, second.Secret.Value);
        Assert.Equal(SalesforceSeed.OrganizationId, first.OrganizationId);
    }

    [Theory]
    [InlineData(Org18, true)]
    [InlineData("00DSd0000000001", true)]
    [InlineData("00DSD0000000001", false)]
    [InlineData("00DSd0000000002AAA", false)]
    [InlineData("00DSd00000000", false)]
    public void IsOrganization_ComparesTheFifteenCharacterIds(string presented, bool same)
    {
        var settings = SalesforceNotificationSettings.From(Settings(("Salesforce:OrganizationId", "00DSd0000000001"), ("Salesforce:NotificationSecret", "a-secret-of-twenty-four-chars")), "remote", null);

        Assert.Equal(same, settings.IsOrganization(presented));
    }
}
