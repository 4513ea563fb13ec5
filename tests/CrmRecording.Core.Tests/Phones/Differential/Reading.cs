using CrmRecording.Core.Phones;

namespace CrmRecording.Core.Tests.Phones.Differential;

/// <summary>One side's reading of an input: the number in E.164 with its region and type, or why it was refused.</summary>
internal sealed record Reading(string? E164, string? Region, CrmRecording.Core.Phones.PhoneNumberType Type, bool IsValid, string? Refusal)
{
    public bool IsRefused => Refusal is not null;

    public PhoneNumberInfo? Info => E164 is null ? null : new PhoneNumberInfo(Region, string.Empty, Type);

    public override string ToString() =>
        IsRefused ? $"refused ({Refusal})" : $"{E164} {(IsValid ? "valid" : "invalid")} {Region ?? "-"} {Type.ToWireName()}";
}
