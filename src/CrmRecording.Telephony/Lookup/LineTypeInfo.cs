using CrmRecording.Core.Phones;

namespace CrmRecording.Telephony;

/// <summary>
/// What Twilio Lookup v2 Line Type Intelligence said about a number. <see cref="Type"/> keeps Twilio's word
/// (landline, mobile, fixedVoip, nonFixedVoip, tollFree, personal, premium, sharedCost, uan, voicemail, pager,
/// unknown); <see cref="DeviceType"/> is what the consent engine reads, Unknown for anything it has no rule for.
/// </summary>
public sealed record LineTypeInfo(string PhoneNumber, string? Type, string? CarrierName, DeviceType DeviceType, DateTimeOffset FetchedAt);
