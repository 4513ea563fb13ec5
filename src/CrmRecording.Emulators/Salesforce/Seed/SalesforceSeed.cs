using CrmRecording.Emulators.Salesforce.Org;

namespace CrmRecording.Emulators.Salesforce.Seed;

/// <summary>
/// The stand-in org's starting records, mirroring the Dataverse stand-in's seed, with fixed 18-character ids so tests
/// can name them. Phone numbers are from ranges reserved for fiction (NANP 555-01xx, Ofcom's 020 7946 0xxx).
/// </summary>
public static class SalesforceSeed
{
    public static readonly string OrganizationId = RecordIds.Make("00D", "Sd0000000001");

    /// <summary>
    /// Users. Role hierarchy: VP Sales (director) → Sales Manager (manager) → Sales Rep (rep); Compliance (reviewer) and
    /// Customer Support (the outsider) are separate branches. Managers (<c>ManagerId</c>): rep → manager → director.
    /// Permission sets: the reviewer holds Recording Reviewer, the manager Recording Administrator, the rep Recording Dialer User.
    /// </summary>
    public static class Users
    {
        /// <summary>Integration User: the client credentials flow's "run as" user.</summary>
        public static readonly string Integration = RecordIds.Make("005", "Sd0000000001");

        /// <summary>Dana Whitfield, VP Sales, New York.</summary>
        public static readonly string SalesDirector = RecordIds.Make("005", "Sd0000000002");

        /// <summary>Morgan Blake, Sales Manager, California; Recording Administrator.</summary>
        public static readonly string SalesManager = RecordIds.Make("005", "Sd0000000003");

        /// <summary>Riley Chen, Sales Rep, Texas; Recording Dialer User; reports to the manager.</summary>
        public static readonly string SalesRep = RecordIds.Make("005", "Sd0000000004");

        /// <summary>Sam Okafor, Compliance, Ontario; Recording Reviewer.</summary>
        public static readonly string ComplianceReviewer = RecordIds.Make("005", "Sd0000000005");

        /// <summary>Taylor Brooks, Customer Support: no recording permission, not above the rep.</summary>
        public static readonly string Outsider = RecordIds.Make("005", "Sd0000000006");
    }

    public static class Usernames
    {
        public const string Integration = "integration@crmrecording.example";
        public const string SalesDirector = "dana.whitfield@crmrecording.example";
        public const string SalesManager = "morgan.blake@crmrecording.example";
        public const string SalesRep = "riley.chen@crmrecording.example";
        public const string ComplianceReviewer = "sam.okafor@crmrecording.example";
        public const string Outsider = "taylor.brooks@crmrecording.example";
    }

    public static class Roles
    {
        public static readonly string VpSales = RecordIds.Make("00E", "Sd0000000001");
        public static readonly string SalesManager = RecordIds.Make("00E", "Sd0000000002");
        public static readonly string SalesRep = RecordIds.Make("00E", "Sd0000000003");
        public static readonly string Compliance = RecordIds.Make("00E", "Sd0000000004");
        public static readonly string CustomerSupport = RecordIds.Make("00E", "Sd0000000005");
    }

    /// <summary>The package's custom permissions (developer names as in solution-package/salesforce).</summary>
    public static class CustomPermissions
    {
        public const string ReviewerName = "Recording_Reviewer";
        public const string AdministratorName = "Recording_Administrator";
        public const string DialerName = "Recording_Dialer";

        public static readonly string Reviewer = RecordIds.Make("0CP", "Sd0000000001");
        public static readonly string Administrator = RecordIds.Make("0CP", "Sd0000000002");
        public static readonly string Dialer = RecordIds.Make("0CP", "Sd0000000003");
    }

    public static class PermissionSets
    {
        public static readonly string RecordingReviewer = RecordIds.Make("0PS", "Sd0000000001");
        public static readonly string RecordingAdministrator = RecordIds.Make("0PS", "Sd0000000002");
        public static readonly string RecordingDialerUser = RecordIds.Make("0PS", "Sd0000000003");

        /// <summary>The standard user profile's own permission set: grants no custom permission.</summary>
        public static readonly string StandardUserProfile = RecordIds.Make("0PS", "Sd0000000004");
    }

    /// <summary>Contacts, all owned by the sales rep, with MailingStateCode/MailingCountryCode (picklists on).</summary>
    public static class Contacts
    {
        /// <summary>Ana Reyes, San Francisco CA, mobile +1 415 555 0101.</summary>
        public static readonly string CaliforniaMobile = RecordIds.Make("003", "Sd0000000001");

        /// <summary>Ben Carter, Dallas TX, landline +1 214 555 0102.</summary>
        public static readonly string TexasLandline = RecordIds.Make("003", "Sd0000000002");

        /// <summary>Chloé Tremblay, Toronto ON, +1 416 555 0103.</summary>
        public static readonly string Ontario = RecordIds.Make("003", "Sd0000000003");

        /// <summary>Daniel Hughes, London GB, +44 20 7946 0104.</summary>
        public static readonly string London = RecordIds.Make("003", "Sd0000000004");

        /// <summary>Erin Walsh, toll-free +1 800 555 0105, no address.</summary>
        public static readonly string TollFree = RecordIds.Make("003", "Sd0000000005");

        /// <summary>Farah Haddad, Chicago IL, +1 312 555 0106, declined recording.</summary>
        public static readonly string DeclinedConsent = RecordIds.Make("003", "Sd0000000006");

        /// <summary>Gabriel Santos, Miami FL, +1 305 555 0107, do not record.</summary>
        public static readonly string DoNotRecord = RecordIds.Make("003", "Sd0000000007");
    }

    public static class Leads
    {
        /// <summary>Jordan Park, Northwind Traders, Seattle WA, mobile +1 206 555 0110.</summary>
        public static readonly string SeattleProspect = RecordIds.Make("00Q", "Sd0000000001");
    }

    public static class Accounts
    {
        public static readonly string Contoso = RecordIds.Make("001", "Sd0000000001");
    }

    public static class Opportunities
    {
        /// <summary>"Fleet telematics renewal": Ana Reyes is its primary contact role, Ben Carter a secondary one.</summary>
        public static readonly string FleetRenewal = RecordIds.Make("006", "Sd0000000001");

        /// <summary>"Warehouse sensors pilot": contact roles but none primary.</summary>
        public static readonly string NoPrimaryContact = RecordIds.Make("006", "Sd0000000002");
    }
}
