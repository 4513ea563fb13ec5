namespace CrmRecording.Core.Phones;

/// <summary>Why a typed phone number could not be read.</summary>
public enum PhoneParseError
{
    None = 0,
    Empty,
    ContainsLetters,
    InvalidCharacter,
    NoCountry,
    UnknownCountryCode,
    TooShort,
    TooLong,
    InvalidNanpNumber,
    InvalidExtension,
}
