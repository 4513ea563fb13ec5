using System.Diagnostics.CodeAnalysis;

namespace CrmRecording.Dataverse.Webhooks;

/// <summary>A webhook body read into a <see cref="RemoteExecutionContext"/>, or a sentence naming what is wrong with it.</summary>
public sealed record RemoteExecutionContextReadResult(RemoteExecutionContext? Context, string? Error)
{
    [MemberNotNullWhen(true, nameof(Context))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Context is not null;

    internal static RemoteExecutionContextReadResult Ok(RemoteExecutionContext context) => new(context, null);

    internal static RemoteExecutionContextReadResult Fail(string error) => new(null, error);
}
