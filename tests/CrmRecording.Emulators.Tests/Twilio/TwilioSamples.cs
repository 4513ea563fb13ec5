namespace CrmRecording.Emulators.Tests.Twilio;

/// <summary>Twilio's documented payloads, verbatim, that the stand-in's output is compared with.</summary>
internal static class TwilioSamples
{
    /// <summary>
    /// twilio/twilio-oai spec/json/twilio_lookups_v2.json, <c>/v2/PhoneNumbers/{PhoneNumber}</c> GET 200 example
    /// <c>fetchLineTypeIntelligence</c> (also shared/reference/samples/twilio-lookup-v2-line-type-intelligence.json).
    /// </summary>
    public const string LookupLineTypeIntelligence = """
        {
            "calling_country_code": "1",
            "country_code": "US",
            "phone_number": "+14159929960",
            "national_format": "(415) 992-9960",
            "valid": true,
            "validation_errors": null,
            "caller_name": null,
            "sim_swap": null,
            "call_forwarding": null,
            "line_status": null,
            "line_type_intelligence": {
                "error_code": null,
                "mobile_country_code": "240",
                "mobile_network_code": "38",
                "carrier_name": "Twilio - SMS/MMS-SVR",
                "type": "nonFixedVoip"
            },
            "identity_match": null,
            "reassigned_number": null,
            "sms_pumping_risk": null,
            "phone_number_quality_score": null,
            "pre_fill": null,
            "url": "https://lookups.twilio.com/v2/PhoneNumbers/+14159929960"
        }
        """;
}
