using CrmRecording.Service.Calls;
using CrmRecording.Service.Crm;

namespace CrmRecording.Service.Tests.Crm;

/// <summary>A Californian call to record after consent, built as the flow builds one from the port's target and rep.</summary>
internal static class TestCalls
{
    public static CallRecord ToRecordAfterConsent(string crm, CallTarget target, CrmUser rep, DateTimeOffset createdAt) => new()
    {
        Id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
        Crm = crm,
        Entity = target.Regarding.Table,
        RecordId = target.Regarding.Key,
        RecordRef = target.Regarding,
        CustomerTable = target.Customer.Table,
        CustomerId = target.CustomerRef.Key,
        CustomerRef = target.CustomerRef,
        RepUserId = rep.Key,
        RepRef = rep.Id,
        CustomerPhone = "+14155550101",
        Decision = CrmRecording.Core.Decisions.RecordingOutcome.RecordAfterConsent,
        Reasons = ["All-party consent in California (Cal. Penal Code 632)."],
        Jurisdictions = ["US-CA", "US-TX"],
        RulesVersion = "test",
        CallbackBase = new Uri("https://media.example/"),
        Language = "en-US",
        CreatedAt = createdAt,
    };
}
