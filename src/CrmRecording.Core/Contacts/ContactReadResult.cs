using System.Diagnostics.CodeAnalysis;
using CrmRecording.Core.Decisions;

namespace CrmRecording.Core.Contacts;

/// <summary>A decision input read from CRM fields, or the field that could not be read and why.</summary>
public sealed record ContactReadResult(DecisionInput? Input, ContactField? Field, string? Error)
{
    [MemberNotNullWhen(true, nameof(Input))]
    [MemberNotNullWhen(false, nameof(Field), nameof(Error))]
    public bool IsValid => Input is not null;

    public static ContactReadResult Fail(ContactField field, string error) => new(null, field, error);
}
