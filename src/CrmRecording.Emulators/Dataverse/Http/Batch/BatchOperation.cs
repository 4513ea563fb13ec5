namespace CrmRecording.Emulators.Dataverse.Http.Batch;

/// <summary>One request inside a <c>$batch</c>: an <c>application/http</c> part, on its own or in a change set.</summary>
/// <param name="Url">As written: absolute, <c>/api/data/v9.2/…</c>, or starting with a change set's <c>$1</c>.</param>
/// <param name="ContentId">The part's <c>Content-ID</c>, which later requests of its change set refer to as <c>$id</c>.</param>
internal sealed record BatchOperation(string Method, string Url, IReadOnlyDictionary<string, string> Headers, string Body, string? ContentId);

/// <summary>A top-level item of a <c>$batch</c>: one request, or a change set whose requests succeed or fail together.</summary>
internal sealed record BatchItem(IReadOnlyList<BatchOperation> Operations, bool IsChangeSet);
