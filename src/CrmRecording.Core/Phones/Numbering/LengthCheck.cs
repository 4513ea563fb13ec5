namespace CrmRecording.Core.Phones.Numbering;

/// <summary>How a national number's length compares with a region's possible lengths (libphonenumber's ValidationResult).</summary>
internal enum LengthCheck
{
    Possible,
    PossibleLocalOnly,
    TooShort,
    InvalidLength,
    TooLong,
}
