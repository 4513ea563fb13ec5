using System.Text.Json;
using CrmRecording.Core.Decisions;
using CrmRecording.Core.Jurisdictions;
using CrmRecording.Core.Location;

namespace CrmRecording.Cli.Gate;

/// <summary>A decision as one JSON object: the outcome, every jurisdiction weighed, the evidence, reasons and versions.</summary>
internal static class DecisionJson
{
    public static void Write(Stream output, RecordingDecision d)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("decision", d.Outcome.ToWireName());
        w.WriteString("legalDecision", d.LegalOutcome.ToWireName());
        w.WritePropertyName("decidingJurisdiction");
        if (d.Deciding is { } j)
        {
            WriteJurisdiction(w, j, brief: true);
        }
        else
        {
            w.WriteNullValue();
        }

        w.WriteBoolean("customerLocationUnknown", d.CustomerLocationUnknown);
        w.WriteString("evidenceStrength", d.CustomerEvidenceStrength.ToString().ToLowerInvariant());
        if (d.Input.Customer.Phone is { } phone)
        {
            w.WriteString("customerPhone", phone.ToString());
        }

        if (d.CustomerEvidence.FirstOrDefault(e => e.Phone is not null) is { Phone: { } reading } phoneEvidence)
        {
            w.WriteStartObject("phone");
            w.WriteString("e164", reading.Number.ToString());
            WriteOptional(w, "region", reading.Info.Region);
            w.WriteString("type", Core.Phones.PhoneNumberTypeNames.ToWireName(reading.Info.Type));
            w.WriteBoolean("valid", reading.Info.IsValid);
            WriteStrings(w, "places", phoneEvidence.Places.Select(p => p.Value));
            w.WriteString("reading", phoneEvidence.Source);
            w.WriteEndObject();
        }

        w.WriteString("device", Core.Phones.DeviceTypeNames.ToWireName(d.Input.Customer.Device));
        w.WriteStartArray("jurisdictions");
        foreach (var c in d.Jurisdictions)
        {
            WriteJurisdiction(w, c, brief: false);
        }

        w.WriteEndArray();
        w.WriteStartArray("customerEvidence");
        foreach (var e in d.CustomerEvidence)
        {
            WriteEvidence(w, e);
        }

        w.WriteEndArray();
        w.WriteStartObject("consent");
        w.WriteString("state", d.Input.Consent.State.ToString().ToLowerInvariant());
        WriteOptional(w, "date", d.Input.Consent.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        WriteOptional(w, "method", d.Input.Consent.Method);
        w.WriteString("effect", d.ConsentEffect.ToString());
        w.WriteEndObject();
        w.WriteBoolean("doNotRecord", d.Input.DoNotRecord);
        WriteStrings(w, "reasons", d.Reasons);
        WriteStrings(w, "policyLines", d.PolicyLines);
        w.WriteString("asOf", d.Input.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("rulesVersion", d.Versions.Rules);
        w.WriteStartObject("dataVersions");
        w.WriteString("rules", d.Versions.Rules);
        w.WriteString("callingCodes", d.Versions.CallingCodes);
        w.WriteString("areaCodes", d.Versions.AreaCodes);
        w.WriteString("phoneMetadata", d.Versions.PhoneMetadata);
        w.WriteString("policy", d.Versions.Policy);
        w.WriteEndObject();
        w.WriteEndObject();
        w.Flush();
        output.Write("\n"u8);
    }

    private static void WriteJurisdiction(Utf8JsonWriter w, ConsideredJurisdiction c, bool brief)
    {
        w.WriteStartObject();
        w.WriteString("code", c.Code.Value);
        w.WriteString("name", c.Jurisdiction.Name);
        w.WriteString("rule", c.Rule.ToWireName());
        w.WriteString("party", c.Party.ToString().ToLowerInvariant());
        w.WriteString("statute", c.Statute);
        if (!brief)
        {
            w.WriteString("basis", c.Basis switch
            {
                JurisdictionBasis.Named => "named",
                JurisdictionBasis.CountryWithoutSubdivision => "country-without-subdivision",
                _ => "national-floor",
            });
            w.WriteString("outcome", c.Outcome.ToWireName());
            w.WriteBoolean("ruleOnFile", !c.Jurisdiction.IsUnlisted);
            if (c.Override is { } o)
            {
                w.WriteStartObject("override");
                w.WriteString("rule", o.Rule.ToWireName());
                w.WriteString("dataRule", c.Jurisdiction.Rule.ToWireName());
                w.WriteString("reason", o.Reason);
                w.WriteEndObject();
            }

            WriteStrings(w, "evidence", c.Evidence.Select(e => e.Source));
        }

        w.WriteEndObject();
    }

    private static void WriteEvidence(Utf8JsonWriter w, LocationEvidence e)
    {
        w.WriteStartObject();
        w.WriteString("signal", e.Signal.ToString());
        w.WriteString("strength", e.Strength.ToString().ToLowerInvariant());
        WriteStrings(w, "places", e.Places.Select(p => p.Value));
        w.WriteString("source", e.Source);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
