namespace CrmRecording.Http;

/// <summary>Which failed outcomes a remote's semantics allow to be sent again.</summary>
public enum RetryRule
{
    /// <summary>
    /// A 429 for every request (the remote refused it before acting); a 5xx, a broken connection or a timed-out attempt
    /// only for a request that is safe to repeat, because the remote may have acted on the first one.
    /// </summary>
    ThrottlesAndSafeRepeats,

    /// <summary>A 429 or a 503 for every request, nothing else (Dataverse refuses both before acting).</summary>
    ThrottlesAndUnavailable,
}
