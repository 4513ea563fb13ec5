namespace CrmRecording.Vault.Tests;

/// <summary>A clock the test moves by hand, to cross retention boundaries.</summary>
internal sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
