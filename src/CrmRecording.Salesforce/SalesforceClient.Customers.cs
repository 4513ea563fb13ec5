using System.Text.Json.Nodes;
using CrmRecording.Salesforce.Customers;
using CrmRecording.Salesforce.Http;

namespace CrmRecording.Salesforce;

/// <summary>Contacts, leads and opportunities: the fields a recording decision reads, and who to call about a deal.</summary>
public sealed partial class SalesforceClient
{
    /// <summary>A contact's phones, mailing address, owner and the package's consent fields; null when no such contact exists.</summary>
    public Task<SalesforceCustomer?> GetContactAsync(SalesforceId id, CancellationToken cancellationToken = default) =>
        GetCustomerAsync(CustomerFields.Contact, id, cancellationToken);

    /// <summary>A lead's phones, address, owner and the package's consent fields; null when no such lead exists.</summary>
    public Task<SalesforceCustomer?> GetLeadAsync(SalesforceId id, CancellationToken cancellationToken = default) =>
        GetCustomerAsync(CustomerFields.Lead, id, cancellationToken);

    /// <summary>
    /// The opportunity and its primary contact (<c>SELECT ContactId FROM OpportunityContactRole WHERE OpportunityId = ...
    /// AND IsPrimary = true</c>); null when no such opportunity exists.
    /// </summary>
    public async Task<SalesforceOpportunity?> GetOpportunityAsync(SalesforceId id, CancellationToken cancellationToken = default)
    {
        var row = await RetrieveAsync("Opportunity", id, ["Id", "Name", "AccountId"], cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var roles = await QueryAsync(
            $"SELECT ContactId FROM OpportunityContactRole WHERE OpportunityId = {Soql.Quote(id)} AND IsPrimary = true LIMIT 1",
            cancellationToken).ConfigureAwait(false);
        var primary = roles.Count == 0 ? null : SObjectFields.Id(roles[0], "ContactId");
        return new SalesforceOpportunity(id, SObjectFields.Text(row, "Name"), SObjectFields.Id(row, "AccountId"), primary);
    }

    private async Task<SalesforceCustomer?> GetCustomerAsync(CustomerFields fields, SalesforceId id, CancellationToken cancellationToken)
    {
        var row = await RetrieveAsync(fields.ObjectType, id, fields.Select(options.StateAndCountryPicklists), cancellationToken).ConfigureAwait(false);
        return row is null ? null : Read(fields, id, row);
    }

    private SalesforceCustomer Read(CustomerFields fields, SalesforceId id, JsonObject row) => new(
        id,
        fields.ObjectType,
        SObjectFields.Text(row, "Name"),
        SObjectFields.Text(row, "Phone"),
        SObjectFields.Text(row, "MobilePhone"),
        SObjectFields.Text(row, fields.State),
        options.StateAndCountryPicklists ? SObjectFields.Text(row, fields.StateCode) : null,
        SObjectFields.Text(row, fields.Country),
        options.StateAndCountryPicklists ? SObjectFields.Text(row, fields.CountryCode) : null,
        SObjectFields.Id(row, "OwnerId"),
        SObjectFields.Text(row, RecordingFields.VerifiedRegion),
        SObjectFields.Text(row, RecordingFields.DeviceType),
        SObjectFields.Text(row, RecordingFields.ConsentStatus),
        SObjectFields.Date(row, RecordingFields.ConsentDate),
        SObjectFields.Text(row, RecordingFields.ConsentMethod),
        SObjectFields.Boolean(row, RecordingFields.DoNotRecord) ?? false);
}
