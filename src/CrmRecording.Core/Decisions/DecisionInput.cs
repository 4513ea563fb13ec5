using CrmRecording.Core.Jurisdictions;
using CrmRecording.Core.Location;

namespace CrmRecording.Core.Decisions;

/// <summary>Everything a recording decision depends on. The date comes in: there is no clock in the engine.</summary>
/// <param name="Customer">What is known about where the customer is.</param>
/// <param name="Consent">The consent held on the contact.</param>
/// <param name="DoNotRecord">The contact's do-not-record flag.</param>
/// <param name="RepRegion">The rep's territory or profile region.</param>
/// <param name="AsOf">The day the call is made (consent validity is judged against it).</param>
public sealed record DecisionInput(
    CustomerFacts Customer,
    ConsentRecord Consent,
    bool DoNotRecord,
    JurisdictionCode? RepRegion,
    DateOnly AsOf);
