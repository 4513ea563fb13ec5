using CrmRecording.Dataverse;
using CrmRecording.Emulators.Dataverse.Seed;

namespace CrmRecording.Emulators.Tests.Dataverse.Client;

/// <summary>The production client against the stand-in's service protection limits and outages.</summary>
public sealed class DataverseClientResilienceTests : IAsyncLifetime
{
    private ClientSession session = null!;

    public async Task InitializeAsync() => session = await ClientSession.StartAsync();

    public async Task DisposeAsync() => await session.DisposeAsync();

    [Fact]
    public async Task Throttled429_IsRetriedAfterRetryAfter()
    {
        session.StandIn.Faults.Throttle(2, TimeSpan.FromSeconds(3));

        var contact = await session.Client.GetContactAsync(SeedData.Contacts.Ontario);

        Assert.Equal("ON", contact!.StateOrProvince);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)], session.Time.Waits);
        Assert.Equal(3, session.StandIn.Requests.All.Count);
    }

    [Fact]
    public async Task Throttled429_BeyondTheRetries_ThrowsWithCodeAndRetryAfter()
    {
        session.StandIn.Faults.Throttle(10, TimeSpan.FromSeconds(20));

        var error = await Assert.ThrowsAsync<DataverseException>(() => session.Client.GetContactAsync(SeedData.Contacts.Ontario));

        Assert.Equal(429, error.Status);
        Assert.Equal("0x80072322", error.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(20), error.RetryAfter);
        Assert.Equal(4, session.StandIn.Requests.All.Count);
    }

    [Fact]
    public async Task Unavailable503_IsRetriedAndTheWriteLandsOnce()
    {
        session.StandIn.Faults.ServiceUnavailable(1);

        var noteId = await session.Client.CreateNoteAsync(RowReference.Contact(SeedData.Contacts.Ontario), "Consent", "Given.");

        Assert.Single(session.StandIn.GetRows("annotations"));
        Assert.NotNull(session.StandIn.GetRow("annotations", noteId));
    }

    [Fact]
    public async Task Outage_OutlastingTheRetries_ThrowsAndWritesNothing()
    {
        session.StandIn.Faults.GoDown();

        var error = await Assert.ThrowsAsync<DataverseException>(() => session.Client.CreateNoteAsync(RowReference.Contact(SeedData.Contacts.Ontario), "Consent", "Given."));

        Assert.Equal(503, error.Status);
        Assert.Empty(session.StandIn.GetRows("annotations"));
    }
}
