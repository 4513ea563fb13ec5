using System.Text.Json.Nodes;
using CrmRecording.Dataverse;
using CrmRecording.Emulators.Dataverse;
using CrmRecording.Emulators.Dataverse.Http.Batch;

namespace CrmRecording.Emulators.Tests.Dataverse.Client;

/// <summary>The client's <c>$batch</c> and its choice between <c>UpdateMultiple</c> and <c>$batch</c>, against the stand-in.</summary>
public sealed class DataverseClientBatchTests
{
    private static readonly Dictionary<string, object?> Enriched = new() { ["crr_jurisdictions"] = "US-TX" };

    [Fact]
    public async Task UpdateRowsAsync_TableWithoutUpdateMultiple_FallsBackToOneBatchAndAsksOnlyOnce()
    {
        var options = new DataverseStandInOptions();
        options.TablesWithoutUpdateMultiple.Add("contact");
        await using var session = await ClientSession.StartAsync(options);
        var first = Contacts(session, 30);
        var second = Contacts(session, 5);
        session.StandIn.Requests.Clear();

        await session.Client.UpdateRowsAsync(DataverseTable.Contact, Rows(first));
        await session.Client.UpdateRowsAsync(DataverseTable.Contact, Rows(second));

        var sent = session.StandIn.Requests.All;
        Assert.Equal(["contacts/Microsoft.Dynamics.CRM.UpdateMultiple", "$batch", "$batch"], sent.Select(r => r.Url.AbsolutePath["/api/data/v9.2/".Length..]));
        Assert.All(first.Concat(second), id => Assert.Equal("US-TX", (string?)session.StandIn.GetRow("contacts", id)!["crr_jurisdictions"]));
        var boundary = MimePart.Boundary(sent[1].Header("Content-Type"));
        Assert.StartsWith("batch_", boundary, StringComparison.Ordinal);
        Assert.Equal("odata.continue-on-error", sent[1].Header("Prefer"));
        var changeSet = Assert.Single(MimePart.Split(sent[1].Body, boundary!)!);
        var updates = MimePart.Split(changeSet.Content + "\r\n", MimePart.Boundary(changeSet.Header("Content-Type"))!)!;
        Assert.Equal(Enumerable.Range(1, 30).Select(i => $"{i}"), updates.Select(u => u.Header("Content-ID")));
        Assert.All(updates, u => Assert.Equal("binary", u.Header("Content-Transfer-Encoding")));
        Assert.Equal(first.Select(id => $"PATCH /api/data/v9.2/contacts({id:D}) HTTP/1.1"), updates.Select(u => u.Content.Split("\r\n")[0]));
        Assert.All(updates, u => Assert.Contains("\r\nIf-Match: *\r\n", u.Content, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpdateRowsAsync_TableWithUpdateMultiple_SendsNoBatch()
    {
        await using var session = await ClientSession.StartAsync();
        var ids = Contacts(session, 3);
        session.StandIn.Requests.Clear();

        await session.Client.UpdateRowsAsync(DataverseTable.Contact, Rows(ids));

        var sent = Assert.Single(session.StandIn.Requests.All);
        Assert.EndsWith("/contacts/Microsoft.Dynamics.CRM.UpdateMultiple", sent.Url.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateInBatchAsync_OneRowMissing_ThrowsItsErrorAndWritesNoneOfTheChangeSet()
    {
        await using var session = await ClientSession.StartAsync();
        var ids = Contacts(session, 3);
        var missing = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<DataverseException>(() => session.Client.UpdateInBatchAsync(DataverseTable.Contact, Rows([.. ids, missing])));

        Assert.Equal(404, error.Status);
        Assert.Equal("0x80040217", error.ErrorCode);
        Assert.Contains(missing.ToString("D"), error.ServerMessage, StringComparison.Ordinal);
        Assert.All(ids, id => Assert.Null((string?)session.StandIn.GetRow("contacts", id)!["crr_jurisdictions"]));
        Assert.Null(session.StandIn.GetRow("contacts", missing));
    }

    private static List<Guid> Contacts(ClientSession session, int count) =>
        [.. Enumerable.Range(0, count).Select(i => session.StandIn.PutRow("contacts", new JsonObject { ["lastname"] = $"batch {i}" }))];

    private static List<(Guid, IReadOnlyDictionary<string, object?>)> Rows(IEnumerable<Guid> ids) =>
        [.. ids.Select(id => (id, (IReadOnlyDictionary<string, object?>)Enriched))];
}
