using System.CommandLine;
using CrmRecording.Core.Contacts;

namespace CrmRecording.Cli.Gate;

/// <summary><c>crmrec gate</c>: decides whether one call may be recorded, and why.</summary>
internal static class GateCommand
{
    public static Command Create(TimeProvider time)
    {
        var phone = new Option<string>("--customer-phone") { Description = "The customer's number as typed: (415) 555-0142, +44 20 7946 0958, 001 415 555 0142.", HelpName = "RAW", Required = true };
        var defaultCountry = new Option<string>("--default-country") { Description = "ISO country for a number typed without a country code (default: the customer's or rep's country).", HelpName = "CC" };
        var region = new Option<string>("--customer-region") { Description = "State or province of the CRM address: CA, California or US-CA.", HelpName = "CODE" };
        var country = new Option<string>("--customer-country") { Description = "Country of the CRM address: US, GB, Germany.", HelpName = "CC" };
        var verified = new Option<string>("--verified-region") { Description = "Location verified by sales ops; it replaces every other customer location signal.", HelpName = "CODE" };
        var device = new Option<string>("--device") { Description = "Line type: landline, mobile, fixed-voip, non-fixed-voip, toll-free or unknown (default).", HelpName = "TYPE" };
        var consent = new Option<string>("--consent") { Description = "Consent on the contact: unknown (default), granted, declined or revoked.", HelpName = "STATE" };
        var consentDate = new Option<string>("--consent-date") { Description = "When the consent was given or withdrawn.", HelpName = "YYYY-MM-DD" };
        var consentMethod = new Option<string>("--consent-method") { Description = "How consent was given (keypad, voice, web form).", HelpName = "TEXT" };
        var doNotRecord = new Option<bool>("--do-not-record") { Description = "The contact is flagged do-not-record." };
        var rep = CommonOptions.RepRegion();
        var policy = CommonOptions.Policy();
        var asOf = CommonOptions.AsOf();
        var format = new Option<string>("--format") { Description = "text (default) or json.", HelpName = "text|json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");

        var command = new Command("gate", "Decide whether a call may be recorded (record, record-after-notice, record-after-consent, do-not-record) and explain why.")
        {
            phone, defaultCountry, region, country, verified, device, consent, consentDate, consentMethod, doNotRecord, rep, policy, asOf, format,
        };

        command.SetAction(parse =>
        {
            var recordingPolicy = CommonOptions.ReadPolicy(parse.GetValue(policy));
            var fields = new ContactFields
            {
                Phone = parse.GetValue(phone),
                DefaultCountry = parse.GetValue(defaultCountry),
                Region = parse.GetValue(region),
                Country = parse.GetValue(country),
                VerifiedLocation = parse.GetValue(verified),
                Device = parse.GetValue(device),
                Consent = parse.GetValue(consent),
                ConsentDate = parse.GetValue(consentDate),
                ConsentMethod = parse.GetValue(consentMethod),
                DoNotRecord = parse.GetValue(doNotRecord) ? "true" : null,
                RepRegion = parse.GetValue(rep),
            };

            var read = CommonOptions.Reader(recordingPolicy).Read(fields, CommonOptions.ReadAsOf(parse.GetValue(asOf), time));
            if (!read.IsValid)
            {
                throw new UsageException($"{OptionFor(read.Field.Value)}: {read.Error}");
            }

            var decision = CommonOptions.Engine(recordingPolicy).Decide(read.Input);
            if (parse.GetValue(format) == "json")
            {
                DecisionJson.Write(Console.OpenStandardOutput(), decision);
            }
            else
            {
                DecisionText.Write(Console.Out, decision);
            }

            return CrmrecApp.Ok;
        });

        return command;
    }

    private static string OptionFor(ContactField field) => field switch
    {
        ContactField.Phone => "--customer-phone",
        ContactField.DefaultCountry => "--default-country",
        ContactField.Region => "--customer-region",
        ContactField.Country => "--customer-country",
        ContactField.VerifiedLocation => "--verified-region",
        ContactField.Device => "--device",
        ContactField.Consent => "--consent",
        ContactField.ConsentDate => "--consent-date",
        ContactField.ConsentMethod => "--consent-method",
        ContactField.DoNotRecord => "--do-not-record",
        _ => "--rep-region",
    };
}
