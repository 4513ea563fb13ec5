namespace CrmRecording.Service.Ingest;

/// <summary>
/// Called after each durable step of an ingest; the default does nothing. Tests replace it to stop the work
/// between two steps, as a crash would, and prove the next attempt resumes without doing anything twice.
/// </summary>
internal class IngestCheckpoint
{
    public virtual void Reached(string step)
    {
    }
}
