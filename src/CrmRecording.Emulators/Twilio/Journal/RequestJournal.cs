namespace CrmRecording.Emulators.Twilio.Journal;

/// <summary>Every request the stand-in received, in arrival order.</summary>
public sealed class RequestJournal
{
    private readonly Lock gate = new();
    private readonly List<RecordedRequest> requests = [];

    public IReadOnlyList<RecordedRequest> All
    {
        get
        {
            lock (gate)
            {
                return requests.ToArray();
            }
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            requests.Clear();
        }
    }

    internal void Add(RecordedRequest request)
    {
        lock (gate)
        {
            requests.Add(request);
        }
    }
}
