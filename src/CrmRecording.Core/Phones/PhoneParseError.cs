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

    /// <summary>Between the shortest and longest numbers of the country, but no number there has this length.</summary>
    InvalidLength,
}
