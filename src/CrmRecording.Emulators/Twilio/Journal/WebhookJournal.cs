namespace CrmRecording.Emulators.Twilio.Journal;

/// <summary>Every webhook the stand-in sent, in the order sent, with the debugger errors they caused.</summary>
public sealed class WebhookJournal
{
    private readonly Lock gate = new();
    private readonly List<WebhookRecord> records = [];

    public IReadOnlyList<WebhookRecord> All
    {
        get
        {
            lock (gate)
            {
                return records.ToArray();
            }
        }
    }

    /// <summary>The webhooks that raised a debugger error, as Twilio's debugger would list them.</summary>
    public IReadOnlyList<WebhookRecord> Errors => All.Where(r => r.ErrorCode is not null).ToArray();

    public IReadOnlyList<WebhookRecord> OfKind(WebhookKind kind) => All.Where(r => r.Kind == kind).ToArray();

    public void Clear()
    {
        lock (gate)
        {
            records.Clear();
        }
    }

    internal void Add(WebhookRecord record)
    {
        lock (gate)
        {
            records.Add(record);
        }
    }
}
