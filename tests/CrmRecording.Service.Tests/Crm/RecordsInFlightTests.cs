using CrmRecording.Service.Crm;

namespace CrmRecording.Service.Tests.Crm;

public sealed class RecordsInFlightTests
{
    [Fact]
    public async Task Take_RecordAnEarlierBatchHolds_WaitsUntilThatBatchReleasesIt()
    {
        var records = new RecordsInFlight();
        var first = records.Take(["dataverse:contact:a", "dataverse:contact:b"]);

        using var second = records.Take(["dataverse:contact:b", "dataverse:contact:c"]);

        Assert.False(second.Earlier.IsCompleted);
        first.Dispose();
        await second.Earlier.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Take_DisjointRecords_DoesNotWait()
    {
        var records = new RecordsInFlight();
        using var first = records.Take(["dataverse:contact:a"]);

        using var second = records.Take(["dataverse:contact:b"]);

        Assert.True(second.Earlier.IsCompleted);
    }

    [Fact]
    public async Task Take_RecordReleasedByAnEarlierBatch_IsStillHeldByTheLaterOne()
    {
        var records = new RecordsInFlight();
        var first = records.Take(["dataverse:contact:a"]);
        var second = records.Take(["dataverse:contact:a"]);
        first.Dispose();

        using var third = records.Take(["dataverse:contact:a"]);

        Assert.False(third.Earlier.IsCompleted);
        second.Dispose();
        await third.Earlier.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
