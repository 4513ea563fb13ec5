using System.Security.Cryptography;
using CrmRecording.Service.Calls;

namespace CrmRecording.Service.Tests.Calls;

/// <summary>Builds stored calls for tests.</summary>
internal static class CallRecords
{
    public static readonly Guid Rep = Guid.Parse("5e000000-0000-4000-8000-000000000004");

    public static CallRecord New(CrmRecording.Core.Decisions.RecordingOutcome decision = CrmRecording.Core.Decisions.RecordingOutcome.RecordAfterConsent, string? twilioCallSid = null, DateTimeOffset? at = null) => new()
    {
        Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        Crm = "dynamics",
        Entity = "contact",
        RecordId = Guid.NewGuid(),
        CustomerTable = "contact",
        CustomerId = Guid.NewGuid(),
        RepUserId = Rep,
        CustomerPhone = "+14155550101",
        Decision = decision,
        Reasons = ["California requires every party's consent (Cal. Penal Code § 632)."],
        Jurisdictions = ["US-CA", "US-TX"],
        RulesVersion = "rules test",
        CallbackBase = new Uri("https://media.example.com/"),
        Language = "en-US",
        TwilioCallSid = twilioCallSid ?? "CA" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        CreatedAt = at ?? new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero),
        Status = CrmRecording.Service.Calls.State.CallStatus.InProgress,
    };
}
