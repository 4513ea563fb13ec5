namespace CrmRecording.Plugins.Schema;

/// <summary>The <c>opportunity</c> columns read to find whom a rep calls about an opportunity.</summary>
public static class OpportunityColumns
{
    public const string EntitySet = "opportunities";
    public const string Name = "name";

    /// <summary>The opportunity's contact (<c>parentcontactid</c>) as the Web API returns the lookup.</summary>
    public const string Contact = "_parentcontactid_value";

    /// <summary>The opportunity's customer, an account or a contact (<c>customerid</c>).</summary>
    public const string Customer = "_customerid_value";

    /// <summary>Which table <see cref="Customer"/> points to (the lookup's annotation).</summary>
    public const string CustomerTable = Customer + "@Microsoft.Dynamics.CRM.lookuplogicalname";
}
