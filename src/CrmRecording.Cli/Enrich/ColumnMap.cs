using CrmRecording.Core.Contacts;

namespace CrmRecording.Cli.Enrich;

/// <summary>
/// Which input column holds which contact field. Dynamics 365 logical and display names and Salesforce
/// field names (the standard ones and the package's, solution-package/salesforce) are recognised;
/// <c>--map field=Column</c> names any other.
/// </summary>
internal sealed class ColumnMap
{
    public const string MobileField = "mobile";

    private static readonly (string Field, string[] Names)[] Known =
    [
        ("phone", ["telephone1", "Business Phone", "Phone", "Main Phone"]),
        (MobileField, ["mobilephone", "Mobile Phone", "MobilePhone"]),
        ("region", ["address1_stateorprovince", "Address 1: State/Province", "MailingState", "MailingStateCode", "State", "StateCode", "State/Province"]),
        ("country", ["address1_country", "Address 1: Country/Region", "MailingCountry", "MailingCountryCode", "Country", "CountryCode", "Country/Region"]),
        ("verified-location", ["crr_verifiedregion", "Recording_Verified_Region__c"]),
        ("device", ["crr_devicetype", "Recording_Device_Type__c"]),
        ("consent", ["crr_consentstatus", "Recording_Consent_Status__c"]),
        ("consent-date", ["crr_consentdate", "Recording_Consent_Date__c"]),
        ("consent-method", ["crr_consentmethod", "Recording_Consent_Method__c"]),
        ("do-not-record", ["crr_donotrecord", "Recording_Do_Not_Record__c"]),
        ("rep-region", ["crr_repregion"]),
    ];

    private readonly Dictionary<string, int> _columns;

    private ColumnMap(Dictionary<string, int> columns) => _columns = columns;

    public static string Fields => string.Join(", ", Known.Select(k => k.Field));

    /// <param name="header">The input's header row.</param>
    /// <param name="overrides"><c>field=Column</c> pairs from <c>--map</c>.</param>
    public static ColumnMap Create(IReadOnlyList<string> header, IEnumerable<string> overrides)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (field, names) in Known)
        {
            var at = names.Select(n => IndexOf(header, n)).FirstOrDefault(i => i >= 0, -1);
            if (at >= 0)
            {
                columns[field] = at;
            }
        }

        foreach (var pair in overrides)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var field = eq > 0 ? pair[..eq].Trim().ToLowerInvariant() : string.Empty;
            if (!Known.Any(k => k.Field == field))
            {
                throw new UsageException($"--map: '{pair}' should be FIELD=COLUMN with FIELD one of {Fields}.");
            }

            var column = pair[(eq + 1)..].Trim();
            var index = IndexOf(header, column);
            if (index < 0)
            {
                throw new UsageException($"--map: the input has no column '{column}'; its columns are {string.Join(", ", header)}.");
            }

            columns[field] = index;
        }

        if (!columns.ContainsKey("phone") && !columns.ContainsKey(MobileField))
        {
            throw new UsageException(
                $"--in: no phone column found (looked for telephone1, mobilephone, Phone, MobilePhone); name it with --map phone=COLUMN. Columns: {string.Join(", ", header)}.");
        }

        return new ColumnMap(columns);
    }

    /// <summary>The column name behind a field, for error messages.</summary>
    public string ColumnOf(ContactField field, IReadOnlyList<string> header, bool mobile)
    {
        if (field == ContactField.DefaultCountry)
        {
            return "--default-country";
        }

        var key = field switch
        {
            ContactField.Phone => mobile ? MobileField : "phone",
            ContactField.Region => "region",
            ContactField.Country => "country",
            ContactField.VerifiedLocation => "verified-location",
            ContactField.Device => "device",
            ContactField.Consent => "consent",
            ContactField.ConsentDate => "consent-date",
            ContactField.ConsentMethod => "consent-method",
            ContactField.DoNotRecord => "do-not-record",
            _ => "rep-region",
        };
        return _columns.TryGetValue(key, out var i) ? header[i] : "--" + key;
    }

    public ContactFields Read(IReadOnlyList<string> row, string? defaultRepRegion, string? defaultCountry)
    {
        var phone = Get(row, "phone");
        var mobile = string.IsNullOrWhiteSpace(phone);
        var rep = Get(row, "rep-region");
        return new ContactFields
        {
            Phone = mobile ? Get(row, MobileField) : phone,
            PhoneIsMobileColumn = mobile,
            DefaultCountry = defaultCountry,
            Region = Get(row, "region"),
            Country = Get(row, "country"),
            VerifiedLocation = Get(row, "verified-location"),
            Device = Get(row, "device"),
            Consent = Get(row, "consent"),
            ConsentDate = Get(row, "consent-date"),
            ConsentMethod = Get(row, "consent-method"),
            DoNotRecord = Get(row, "do-not-record"),
            RepRegion = string.IsNullOrWhiteSpace(rep) ? defaultRepRegion : rep,
        };
    }

    private string? Get(IReadOnlyList<string> row, string field) =>
        _columns.TryGetValue(field, out var i) && i < row.Count ? row[i] : null;

    private static int IndexOf(IReadOnlyList<string> header, string name)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i].Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
