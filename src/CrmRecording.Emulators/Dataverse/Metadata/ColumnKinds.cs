using System.Collections.Concurrent;

namespace CrmRecording.Emulators.Dataverse.Metadata;

/// <summary>
/// Column types where the JSON value alone is ambiguous. Integers in columns named <c>...code</c> are
/// choices (Dataverse's naming convention for system choice columns); everything else not declared here
/// is typed from its JSON value, and ISO 8601 UTC strings are dates.
/// </summary>
internal sealed class ColumnKinds
{
    private readonly ConcurrentDictionary<(string Table, string Column), ColumnKind> declared = new();

    public ColumnKinds()
    {
        Declare("opportunity", "estimatedvalue", ColumnKind.Money);
        Declare("opportunity", "actualvalue", ColumnKind.Money);
        Declare("opportunity", "budgetamount", ColumnKind.Money);
        Declare("opportunity", "estimatedclosedate", ColumnKind.DateTime);
        Declare("phonecall", "actualdurationminutes", ColumnKind.WholeNumber);
        Declare("phonecall", "scheduledstart", ColumnKind.DateTime);
        Declare("phonecall", "scheduledend", ColumnKind.DateTime);
        Declare("phonecall", "actualstart", ColumnKind.DateTime);
        Declare("phonecall", "actualend", ColumnKind.DateTime);
        Declare("activityparty", "participationtypemask", ColumnKind.Choice);
        Declare("sdkmessageprocessingstep", "stage", ColumnKind.Choice);
        Declare("sdkmessageprocessingstep", "mode", ColumnKind.Choice);
        Declare("serviceendpoint", "contract", ColumnKind.Choice);
        Declare("serviceendpoint", "authtype", ColumnKind.Choice);
        Declare("msdyn_ciprovider", "msdyn_ciproviderapiversion", ColumnKind.Choice);
        Declare("msdyn_ciprovider", "msdyn_sortorder", ColumnKind.WholeNumber);
    }

    public void Declare(string table, string column, ColumnKind kind) => declared[(table, column)] = kind;

    public ColumnKind Get(string table, string column)
    {
        if (declared.TryGetValue((table, column), out var kind))
        {
            return kind;
        }

        return column.EndsWith("code", StringComparison.Ordinal) ? ColumnKind.Choice : ColumnKind.Inferred;
    }
}
