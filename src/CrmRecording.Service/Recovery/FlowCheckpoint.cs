namespace CrmRecording.Service.Recovery;

/// <summary>
/// Called at each step of a call's flow where a crash leaves distinct state behind (after the dial, while recording,
/// after the recording callback, during the download and the blob write, after each durable step of an ingest, during
/// the CRM write-back); the default does nothing. Tests replace it to stop the work there, as a crash would, and prove
/// that what runs next resumes without losing or repeating anything.
/// </summary>
internal class FlowCheckpoint
{
    public virtual void Reached(string step)
    {
    }

    /// <summary>Called at the start of every request; a test may hold requests there once its flow has stopped.</summary>
    public virtual Task FreezeIfHaltedAsync() => Task.CompletedTask;

    /// <summary>The recording's media as the ingest reads it from Twilio; a test may watch it to stop mid-write.</summary>
    public virtual Stream Download(Stream media) => media;
}
