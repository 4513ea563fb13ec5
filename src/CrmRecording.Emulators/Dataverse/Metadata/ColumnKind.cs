namespace CrmRecording.Emulators.Dataverse.Metadata;

/// <summary>
/// How a column's Web API value is typed in a webhook's <c>RemoteExecutionContext</c>. The Web API sends a
/// choice and a whole number alike as a JSON number; the execution context tells them apart
/// (<c>OptionSetValue</c>, <c>Money</c>, <c>\/Date(ms)\/</c>), so the stand-in needs to know.
/// </summary>
public enum ColumnKind
{
    /// <summary>Typed from the JSON value alone.</summary>
    Inferred = 0,
    Text,
    WholeNumber,
    DecimalNumber,
    Money,
    DateTime,

    /// <summary>A single choice: <c>OptionSetValue</c>.</summary>
    Choice,

    /// <summary>A multi-select choice: the Web API's <c>"1,2"</c> becomes an array of <c>OptionSetValue</c>.</summary>
    Choices,
}
