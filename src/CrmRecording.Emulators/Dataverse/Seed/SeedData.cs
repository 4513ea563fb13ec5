namespace CrmRecording.Emulators.Dataverse.Seed;

/// <summary>
/// The stand-in's starting organization, with fixed identifiers so tests can name rows directly. Phone
/// numbers are from ranges reserved for fiction (NANP 555-01xx, Ofcom's 020 7946 0xxx drama range).
/// </summary>
public static class SeedData
{
    public static readonly Guid TenantId = new("e0000000-0000-4000-8000-000000000001");
    public static readonly Guid OrganizationId = new("0a000000-0000-4000-8000-000000000001");
    public static readonly Guid BusinessUnitId = new("b0000000-0000-4000-8000-000000000001");

    /// <summary>Moment every seeded row was created and last modified.</summary>
    public static readonly DateTimeOffset SeededOn = new(2025, 1, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// System users; the manager chain (<c>parentsystemuserid</c>) is Rep → Manager → Director. Regions on
    /// file (<c>address1_stateorprovince</c>): director NY, manager CA, rep TX, reviewer ON (Canada). The
    /// manager also belongs to the <see cref="Territories.PacificNorthwest"/> territory (jurisdiction US-WA), which
    /// takes precedence over the address; the others have no territory.
    /// </summary>
    public static class Users
    {
        /// <summary>The application user the service signs in as (System Administrator).</summary>
        public static readonly Guid Application = new("5e000000-0000-4000-8000-000000000001");

        /// <summary>Dana Whitfield: Salesperson, top of the chain.</summary>
        public static readonly Guid SalesDirector = new("5e000000-0000-4000-8000-000000000002");

        /// <summary>Morgan Blake: Salesperson and Recording Administrator, reports to the director.</summary>
        public static readonly Guid SalesManager = new("5e000000-0000-4000-8000-000000000003");

        /// <summary>Riley Chen: Salesperson directly, Recording Reviewer only through the Compliance Reviewers team; reports to the manager.</summary>
        public static readonly Guid SalesRep = new("5e000000-0000-4000-8000-000000000004");

        /// <summary>Sam Okafor: Recording Reviewer directly.</summary>
        public static readonly Guid ComplianceReviewer = new("5e000000-0000-4000-8000-000000000005");
    }

    /// <summary>The users' Microsoft Entra object ids (<c>azureactivedirectoryobjectid</c>).</summary>
    public static class EntraObjectIds
    {
        public static readonly Guid Application = new("aad00000-0000-4000-8000-000000000001");
        public static readonly Guid SalesDirector = new("aad00000-0000-4000-8000-000000000002");
        public static readonly Guid SalesManager = new("aad00000-0000-4000-8000-000000000003");
        public static readonly Guid SalesRep = new("aad00000-0000-4000-8000-000000000004");
        public static readonly Guid ComplianceReviewer = new("aad00000-0000-4000-8000-000000000005");
    }

    public static class Roles
    {
        public static readonly Guid Salesperson = new("70000000-0000-4000-8000-000000000001");
        public static readonly Guid RecordingReviewer = new("70000000-0000-4000-8000-000000000002");
        public static readonly Guid RecordingAdministrator = new("70000000-0000-4000-8000-000000000003");
        public static readonly Guid SystemAdministrator = new("70000000-0000-4000-8000-000000000004");

        /// <summary>The solution's "Recording Dialer User" role (its id in Roles/Recording Dialer User.xml), as importing the solution leaves it; nobody holds it.</summary>
        public static readonly Guid RecordingDialerUser = new("09367ecc-ddc4-4477-8f5c-857194fdc13c");
    }

    /// <summary>Sales territories (<c>territory</c>) with the solution's <c>crr_jurisdiction</c> column.</summary>
    public static class Territories
    {
        /// <summary>"Pacific Northwest", jurisdiction US-WA; the sales manager's territory.</summary>
        public static readonly Guid PacificNorthwest = new("7e770000-0000-4000-8000-000000000001");

        /// <summary>"Inside Sales", no jurisdiction set; nobody's territory.</summary>
        public static readonly Guid InsideSales = new("7e770000-0000-4000-8000-000000000002");
    }

    public static class Teams
    {
        /// <summary>Grants Recording Reviewer; members: the sales rep.</summary>
        public static readonly Guid ComplianceReviewers = new("7e000000-0000-4000-8000-000000000001");

        /// <summary>Grants Salesperson; members: the rep and the manager.</summary>
        public static readonly Guid SalesWest = new("7e000000-0000-4000-8000-000000000002");
    }

    /// <summary>Contacts, all owned by the sales rep.</summary>
    public static class Contacts
    {
        /// <summary>Ana Reyes, San Francisco CA, mobile +1 415 555 0101.</summary>
        public static readonly Guid CaliforniaMobile = new("c0000000-0000-4000-8000-000000000001");

        /// <summary>Ben Carter, Dallas TX, landline +1 214 555 0102.</summary>
        public static readonly Guid TexasLandline = new("c0000000-0000-4000-8000-000000000002");

        /// <summary>Chloé Tremblay, Toronto ON, +1 416 555 0103.</summary>
        public static readonly Guid Ontario = new("c0000000-0000-4000-8000-000000000003");

        /// <summary>Daniel Hughes, London GB, +44 20 7946 0104.</summary>
        public static readonly Guid London = new("c0000000-0000-4000-8000-000000000004");

        /// <summary>Erin Walsh, toll-free +1 800 555 0105, no address.</summary>
        public static readonly Guid TollFree = new("c0000000-0000-4000-8000-000000000005");

        /// <summary>Farah Haddad, Chicago IL, +1 312 555 0106, declined recording (<c>crr_consentstatus</c> "declined").</summary>
        public static readonly Guid DeclinedConsent = new("c0000000-0000-4000-8000-000000000006");

        /// <summary>Gabriel Santos, Miami FL, +1 305 555 0107, <c>crr_donotrecord</c> true.</summary>
        public static readonly Guid DoNotRecord = new("c0000000-0000-4000-8000-000000000007");
    }

    public static class Leads
    {
        /// <summary>Jordan Park, Northwind Traders, Seattle WA, mobile +1 206 555 0110.</summary>
        public static readonly Guid SeattleProspect = new("1e000000-0000-4000-8000-000000000001");
    }

    public static class Opportunities
    {
        /// <summary>"Fleet telematics renewal": customer and parent contact are the California contact.</summary>
        public static readonly Guid FleetRenewal = new("0bb00000-0000-4000-8000-000000000001");
    }

    /// <summary>The <c>sdkmessage</c> rows steps refer to.</summary>
    public static class Messages
    {
        public static readonly Guid Create = new("5d000000-0000-4000-8000-000000000001");
        public static readonly Guid Update = new("5d000000-0000-4000-8000-000000000002");
        public static readonly Guid Delete = new("5d000000-0000-4000-8000-000000000003");
    }

    /// <summary>Tables with an <c>sdkmessagefilter</c> for Create, Update and Delete.</summary>
    public static IReadOnlyList<string> FilteredTables { get; } =
        ["contact", "lead", "opportunity", "phonecall", "annotation", "crr_consentlog", "systemuser"];

    /// <summary>The <c>sdkmessagefilter</c> of a message on a table.</summary>
    public static Guid MessageFilterId(string message, string table)
    {
        var messageNumber = message switch
        {
            "Create" => 1,
            "Update" => 2,
            "Delete" => 3,
            _ => throw new ArgumentException($"No message filter is seeded for '{message}'.", nameof(message)),
        };
        var tableNumber = FilteredTables.ToList().IndexOf(table) + 1;
        if (tableNumber == 0)
        {
            throw new ArgumentException($"No message filter is seeded for table '{table}'.", nameof(table));
        }

        return new Guid($"5df00000-0000-4000-8000-{messageNumber:D4}{tableNumber:D8}");
    }
}
