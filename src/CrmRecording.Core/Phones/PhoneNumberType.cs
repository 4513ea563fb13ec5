namespace CrmRecording.Core.Phones;

/// <summary>
/// What a number is for, by the numbering plan of its country (libphonenumber's number types). It decides
/// whether the number says anything about where its owner is: a fixed line or a mobile number belongs to a
/// country, a toll-free or premium-rate number belongs to a service that may be answered anywhere.
/// </summary>
public enum PhoneNumberType
{
    /// <summary>Not valid for its country: matches none of the plan's ranges.</summary>
    Unknown = 0,
    FixedLine,
    Mobile,

    /// <summary>The plan does not tell fixed lines and mobiles apart (the whole North American Numbering Plan).</summary>
    FixedLineOrMobile,
    TollFree,
    PremiumRate,

    /// <summary>The cost of the call is shared between caller and called (UK 0845, +808).</summary>
    SharedCost,

    /// <summary>A VoIP range of its own, outside the geographic plan.</summary>
    Voip,

    /// <summary>A number that follows its owner to any line (UK 070, NANP 5XX).</summary>
    PersonalNumber,
    Pager,

    /// <summary>Universal access number: one number for a company reaching several offices.</summary>
    Uan,
    Voicemail,
}
