using System.Diagnostics;

namespace CrmRecording.Vault.Telemetry;

/// <summary>
/// The vault's spans: <c>vault.ingest</c>, <c>vault.read-range</c>, <c>vault.export</c> and <c>vault.key-unwrap</c>.
/// Tags carry recording ids (random, not secret), key ids and byte counts; never phone numbers, keys or tokens.
/// </summary>
public static class VaultActivities
{
    /// <summary>The <see cref="ActivitySource"/> name a tracer subscribes to.</summary>
    public const string SourceName = "CrmRecording.Vault";

    public const string Ingest = "vault.ingest";

    public const string ReadRange = "vault.read-range";

    public const string Export = "vault.export";

    public const string KeyUnwrap = "vault.key-unwrap";

    /// <summary>Plaintext bytes imported, or asked for by a read.</summary>
    public const string BytesTag = "crmrec.vault.bytes";

    /// <summary>The key-encryption key's id (a name or a key URL, not key material).</summary>
    public const string KeyIdTag = "crmrec.vault.key_id";

    internal static readonly ActivitySource Source = new(SourceName);

    internal static Activity? Start(string name, string? recordingId)
    {
        var activity = Source.StartActivity(name, ActivityKind.Internal);
        activity?.SetTag("crmrec.recording.id", recordingId);
        return activity;
    }

    /// <summary>Marks the span failed with the exception's type only: messages may name a blob or a key.</summary>
    internal static void Fail(this Activity? activity, Exception exception) =>
        activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
}
