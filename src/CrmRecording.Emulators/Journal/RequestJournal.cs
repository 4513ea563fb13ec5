namespace CrmRecording.Emulators.Journal;

/// <summary>Every request a stand-in received, in arrival order, for tests to assert method, URL, headers and body.</summary>
public sealed class RequestJournal<TRequest>
{
    private readonly Lock gate = new();
    private readonly List<TRequest> requests = [];

    public IReadOnlyList<TRequest> All
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

    internal void Add(TRequest request)
    {
        lock (gate)
        {
            requests.Add(request);
        }
    }
}
