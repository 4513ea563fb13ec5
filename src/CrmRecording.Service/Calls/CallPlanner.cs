using CrmRecording.Core.Contacts;
using CrmRecording.Core.Decisions;
using CrmRecording.Core.Phones;
using CrmRecording.Salesforce;
using CrmRecording.Service.Crm;

namespace CrmRecording.Service.Calls;

/// <summary>
/// Reads the row dialled from and the rep through the CRM port and asks the consent engine what this call
/// may record. Bad requests and rows that cannot be called come back as <see cref="CallPlan.Refused"/>, saying why.
/// </summary>
internal sealed class CallPlanner(CallCrms crm, ConsentEngine engine, ContactReader reader, TimeProvider time)
{
    private static readonly string[] Entities = ["contact", "lead", "opportunity"];
    private static readonly string[] SalesforceObjects = ["Contact", "Lead", "Opportunity"];

    // The dial API's own names for the number to dial, the same in every CRM; each CRM's column names are still taken.
    private const string Business = "business";
    private const string Mobile = "mobile";
    private static readonly string[] PhoneFields = ["telephone1", "mobilephone", Business, Mobile];
    private static readonly string[] SalesforcePhoneFields = ["Phone", "MobilePhone", Business, Mobile];

    public async Task<CallPlan> PlanAsync(PlaceCallRequest request, RemoteTime remote, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } invalid)
        {
            return CallPlan.Refuse(PlaceRefusal.InvalidRequest, invalid);
        }

        // A Salesforce record may be named by the neutral (lower-case) table name too.
        request = request.Crm == CrmRecordRef.Salesforce ? request with { Entity = SalesforceObject(request.Entity) } : request;

        try
        {
            return await ReadAndDecideAsync(request, remote, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CrmUnavailableException or HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Without the CRM's consent fields nothing can be decided, so nothing is dialled.
            var status = (ex as CrmUnavailableException)?.Status ?? 0;
            return CallPlan.Refuse(PlaceRefusal.CrmUnavailable, $"The CRM could not be read just now ({(status == 0 ? "no answer" : status.ToString(System.Globalization.CultureInfo.InvariantCulture))}); the call was not placed. Try again in a moment.");
        }
    }

    private async Task<CallPlan> ReadAndDecideAsync(PlaceCallRequest request, RemoteTime remote, CancellationToken cancellationToken)
    {
        var id = request.Id!;
        var repId = request.RepUserId!;
        CallTarget? target;
        try
        {
            target = await remote.MeasureAsync(() => crm.GetTargetAsync(new CrmRecordRef(request.Crm!, request.Entity!, id), cancellationToken)).ConfigureAwait(false);
        }
        catch (CallTargetException ex)
        {
            return CallPlan.Refuse(PlaceRefusal.NotCallable, ex.Message);
        }

        if (target is null)
        {
            return CallPlan.Refuse(PlaceRefusal.NotFound, $"No {request.Entity} {id} in the CRM.");
        }

        var rep = await remote.MeasureAsync(() => crm.GetRepAsync(new CrmRecordRef(request.Crm!, "user", repId), cancellationToken)).ConfigureAwait(false);
        if (rep is null)
        {
            return CallPlan.Refuse(PlaceRefusal.NotFound, $"No CRM user {repId}: repUserId must be the id of the (active) CRM user placing the call.");
        }

        var customer = target.Customer;
        var (number, fromMobile) = request.PhoneField switch
        {
            Business or "telephone1" or "Phone" => (customer.BusinessPhone, false),
            Mobile or "mobilephone" or "MobilePhone" => (customer.MobilePhone, true),
            _ when !string.IsNullOrWhiteSpace(request.Number) => SameDigits(customer.BusinessPhone, request.Number) ? (customer.BusinessPhone, false)
                : SameDigits(customer.MobilePhone, request.Number) ? (customer.MobilePhone, true)
                : (null, false),
            _ => string.IsNullOrWhiteSpace(customer.BusinessPhone) ? (customer.MobilePhone, true) : (customer.BusinessPhone, false),
        };
        if (string.IsNullOrWhiteSpace(number) && string.IsNullOrWhiteSpace(request.PhoneField) && !string.IsNullOrWhiteSpace(request.Number))
        {
            return CallPlan.Refuse(PlaceRefusal.NotCallable, $"The number clicked ({PhoneField.Redact(Digits(request.Number))}) is not the {customer.Table}'s business or mobile phone in the CRM; only a number on file is dialled. Open the record and click the number there.");
        }

        if (string.IsNullOrWhiteSpace(number))
        {
            return CallPlan.Refuse(PlaceRefusal.NotCallable, $"The {customer.Table} has no {(request.PhoneField is { Length: > 0 } f ? f : "business or mobile phone")} to call.");
        }

        var fields = customer.ToFields(rep.Region, number) with { PhoneIsMobileColumn = fromMobile };
        var read = reader.Read(fields, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (!read.IsValid)
        {
            return CallPlan.Refuse(PlaceRefusal.NotCallable, read.Field == ContactField.RepRegion
                ? $"Your region, from your {rep.RegionSource ?? "CRM user"}, can't be read ({read.Error}); ask sales ops to fix it in the CRM before calling."
                : $"The {customer.Table}'s {read.Field} can't be read ({read.Error}); fix it in the CRM before calling.");
        }

        var decision = engine.Decide(read.Input!);
        if (decision.Input.Customer.Phone is not { } e164)
        {
            return CallPlan.Refuse(PlaceRefusal.NotCallable, $"The {customer.Table}'s number can't be dialled.");
        }

        return new CallPlan.Ready(target, rep, decision, e164.ToString(), WithRepLocation(decision, rep));
    }

    /// <summary>
    /// The decision's key reasons with a line saying where the rep's region came from (territory or user address),
    /// after the customer's location lines: one per signal (or one saying there is none), and one more when a
    /// verified location narrowed them.
    /// </summary>
    internal static IReadOnlyList<string> WithRepLocation(RecordingDecision decision, RepProfile rep)
    {
        if (decision.Input.RepRegion is not { } region || rep.RegionSource is null)
        {
            return decision.KeyReasons;
        }

        var reasons = decision.KeyReasons.ToList();
        var at = 1 + Math.Max(1, decision.CustomerEvidence.Count) + (decision.Input.Customer.VerifiedLocation is null ? 0 : 1);
        reasons.Insert(Math.Min(at, reasons.Count), $"Rep location: {rep.RegionSource} → {region}.");
        return reasons;
    }

    private string? Validate(PlaceCallRequest request)
    {
        if (request.Crm is not (CrmRecordRef.Dynamics or CrmRecordRef.Salesforce) || !crm.Has(request.Crm))
        {
            return $"crm must be one of {string.Join(", ", crm.Names.Select(n => $"'{n}'"))} (was '{request.Crm}').";
        }

        return request.Crm == CrmRecordRef.Salesforce ? ValidateSalesforce(request) : ValidateDynamics(request);
    }

    private static string? ValidateDynamics(PlaceCallRequest request)
    {
        if (request.Entity is null || !Entities.Contains(request.Entity))
        {
            return $"entity must be one of {string.Join(", ", Entities)} (was '{request.Entity}').";
        }

        if (!Guid.TryParse(request.Id, out _))
        {
            return "id must be the row's GUID.";
        }

        if (!Guid.TryParse(request.RepUserId, out _))
        {
            return "repUserId must be the rep's systemuserid (a GUID).";
        }

        return request.PhoneField is null or "" || PhoneFields.Contains(request.PhoneField)
            ? null
            : $"phoneField must be one of {string.Join(", ", PhoneFields)} (was '{request.PhoneField}').";
    }

    /// <summary>
    /// The clicked number is the field's when its digits are the field's as written, or the field's number written
    /// internationally without <c>+</c>, nationally (its national significant number) or with the trunk <c>0</c>:
    /// formatting aside, the same number, nothing guessed.
    /// </summary>
    private static bool SameDigits(string? field, string clicked)
    {
        var digits = Digits(clicked);
        if (string.IsNullOrWhiteSpace(field) || digits.Length == 0)
        {
            return false;
        }

        if (digits == Digits(field))
        {
            return true;
        }

        var parsed = PhoneNumberParser.Default.Parse(field);
        if (!parsed.IsValid)
        {
            return false;
        }

        var national = parsed.Number.NationalSignificantNumber.ToString();
        return digits == parsed.Number.Digits || digits == national || digits == "0" + national;
    }

    private static string Digits(string text) => string.Concat(text.Where(char.IsAsciiDigit));

    private static string? SalesforceObject(string? entity) => SalesforceObjects.FirstOrDefault(o => string.Equals(o, entity, StringComparison.OrdinalIgnoreCase));

    private static string? ValidateSalesforce(PlaceCallRequest request)
    {
        if (SalesforceObject(request.Entity) is null)
        {
            return $"entity must be one of {string.Join(", ", SalesforceObjects)} for Salesforce (was '{request.Entity}').";
        }

        if (!SalesforceId.TryParse(request.Id, out _))
        {
            return "id must be the record's 15- or 18-character Salesforce id.";
        }

        if (!SalesforceId.TryParse(request.RepUserId, out _))
        {
            return "repUserId must be the rep's Salesforce User id.";
        }

        return request.PhoneField is null or "" || SalesforcePhoneFields.Contains(request.PhoneField)
            ? null
            : $"phoneField must be one of {string.Join(", ", SalesforcePhoneFields)} for Salesforce (was '{request.PhoneField}').";
    }
}

/// <summary>A planned call, or why it cannot be placed.</summary>
internal abstract record CallPlan
{
    private CallPlan()
    {
    }

    /// <param name="Number">The customer's number in E.164, to dial.</param>
    /// <param name="Reasons">The decision's key reasons, with where the rep's region came from.</param>
    public sealed record Ready(CallTarget Target, RepProfile Rep, RecordingDecision Decision, string Number, IReadOnlyList<string> Reasons) : CallPlan;

    public sealed record Refused(PlaceRefusal Reason, string Detail) : CallPlan;

    public static Refused Refuse(PlaceRefusal reason, string detail) => new(reason, detail);
}
