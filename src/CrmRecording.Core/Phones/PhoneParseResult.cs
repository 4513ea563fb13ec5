using System.Diagnostics.CodeAnalysis;

namespace CrmRecording.Core.Phones;

/// <summary>The outcome of reading a typed phone number: an <see cref="E164Number"/> or a precise reason why not.</summary>
public readonly record struct PhoneParseResult
{
    private PhoneParseResult(E164Number number, string? extension, PhoneParseError error, string? message)
    {
        Number = number;
        Extension = extension;
        Error = error;
        Message = message;
    }

    public E164Number Number { get; }

    public string? Extension { get; }

    public PhoneParseError Error { get; }

    /// <summary>A sentence a rep or sales-ops user can act on; null on success.</summary>
    public string? Message { get; }

    [MemberNotNullWhen(false, nameof(Message))]
    public bool IsValid => Error == PhoneParseError.None;

    internal static PhoneParseResult Ok(E164Number number, string? extension) =>
        new(number, extension, PhoneParseError.None, null);

    internal static PhoneParseResult Fail(PhoneParseError error, string message) =>
        new(default, null, error, message);
}
