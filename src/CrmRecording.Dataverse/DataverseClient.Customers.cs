using System.Text.Json;
using CrmRecording.Dataverse.Customers;
using CrmRecording.Dataverse.Http;

namespace CrmRecording.Dataverse;

/// <summary>Contacts and leads: the columns a recording decision reads.</summary>
public sealed partial class DataverseClient
{
    /// <summary>Reads a contact's phones, address, owner and consent columns; null when no such contact exists.</summary>
    public Task<DataverseCustomer?> GetContactAsync(Guid contactId, CancellationToken cancellationToken = default) =>
        GetCustomerAsync(RowReference.Contact(contactId), cancellationToken);

    /// <summary>Reads a lead's phones, address, owner and consent columns; null when no such lead exists.</summary>
    public Task<DataverseCustomer?> GetLeadAsync(Guid leadId, CancellationToken cancellationToken = default) =>
        GetCustomerAsync(RowReference.Lead(leadId), cancellationToken);

    private async Task<DataverseCustomer?> GetCustomerAsync(RowReference row, CancellationToken cancellationToken)
    {
        ThrowIfEmpty(row.Id, "id");
        using var document = await GetJsonAsync(
            Resource($"{row.Table.EntitySetName}({row.Id:D})?$select={CustomerColumns.Select}"), notFoundIsNull: true, cancellationToken).ConfigureAwait(false);
        return document is null ? null : ReadCustomer(row, document.RootElement);
    }

    private static DataverseCustomer ReadCustomer(RowReference row, JsonElement json) => new(
        row,
        ODataRow.Text(json, CustomerColumns.BusinessPhone),
        ODataRow.Text(json, CustomerColumns.MobilePhone),
        ODataRow.Text(json, CustomerColumns.StateOrProvince),
        ODataRow.Text(json, CustomerColumns.Country),
        ODataRow.Id(json, CustomerColumns.Owner),
        ODataRow.Text(json, CustomerColumns.VerifiedRegion),
        ODataRow.Text(json, CustomerColumns.DeviceType),
        ODataRow.Text(json, CustomerColumns.ConsentStatus),
        ODataRow.Date(json, CustomerColumns.ConsentDate),
        ODataRow.Text(json, CustomerColumns.ConsentMethod),
        ODataRow.Boolean(json, CustomerColumns.DoNotRecord));
}
