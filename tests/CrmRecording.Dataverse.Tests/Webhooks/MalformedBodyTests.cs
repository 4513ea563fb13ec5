using CrmRecording.Dataverse.Webhooks;

namespace CrmRecording.Dataverse.Tests.Webhooks;

/// <summary>A body that cannot be a Dataverse execution context yields an error naming what is wrong, never an exception.</summary>
public sealed class MalformedBodyTests
{
    private const string Id = "\"PrimaryEntityId\":\"0928bcb4-bb27-ed11-9db1-002248274ada\"";
    private const string Head = "\"MessageName\":\"Update\",\"PrimaryEntityName\":\"contact\"," + Id;

    [Theory]
    [InlineData("", "The body is empty.")]
    [InlineData("  \r\n ", "The body is empty.")]
    [InlineData("[]", "The body is a JSON array, not an object.")]
    [InlineData("\"Update\"", "The body is a JSON string, not an object.")]
    [InlineData("{\"PrimaryEntityName\":\"contact\"," + Id + "}", "MessageName is missing.")]
    [InlineData("{\"MessageName\":\"\",\"PrimaryEntityName\":\"contact\"," + Id + "}", "MessageName is empty.")]
    [InlineData("{\"MessageName\":42,\"PrimaryEntityName\":\"contact\"," + Id + "}", "MessageName is a JSON number, not a string.")]
    [InlineData("{\"MessageName\":\"Update\"," + Id + "}", "PrimaryEntityName is missing.")]
    [InlineData("{\"MessageName\":\"Update\",\"PrimaryEntityName\":\"contact\"}", "PrimaryEntityId is missing.")]
    [InlineData("{\"MessageName\":\"Update\",\"PrimaryEntityName\":\"contact\",\"PrimaryEntityId\":\"contact-1\"}", "PrimaryEntityId is not a GUID: 'contact-1'.")]
    [InlineData("{" + Head + ",\"Depth\":\"1\"}", "Depth is '1', not a whole number.")]
    [InlineData("{" + Head + ",\"Stage\":40.5}", "Stage is '40.5', not a whole number.")]
    [InlineData("{" + Head + ",\"InputParameters\":{\"Target\":null}}", "InputParameters is a JSON object, not an array of key/value pairs.")]
    [InlineData("{" + Head + ",\"InputParameters\":[{\"value\":1}]}", "InputParameters[0] is not a {\"key\":...,\"value\":...} pair with a string key.")]
    [InlineData("{" + Head + ",\"SharedVariables\":[{\"key\":\"a\",\"value\":1},{\"key\":\"a\",\"value\":2}]}", "SharedVariables[a] appears twice.")]
    [InlineData("{" + Head + ",\"OperationCreatedOn\":\"2017-09-26T07:04:08Z\"}", "OperationCreatedOn is not a /Date(ms)/ value: '2017-09-26T07:04:08Z'.")]
    [InlineData("{" + Head + ",\"PostEntityImages\":[{\"key\":\"Post\",\"value\":\"contact\"}]}", "PostEntityImages[Post] is a JSON string, not a row.")]
    [InlineData("{" + Head + ",\"PreEntityImages\":[{\"key\":\"Pre\",\"value\":{\"Attributes\":[]}}]}", "PreEntityImages[Pre].LogicalName is missing.")]
    [InlineData("{" + Head + ",\"ParentContext\":{\"PrimaryEntityName\":\"contact\"," + Id + "}}", "ParentContext.MessageName is missing.")]
    [InlineData("{" + Head + ",\"ParentContext\":[]}", "ParentContext is a JSON array, not an object.")]
    public void Read_Malformed_ErrorNamesTheProblem(string body, string error)
    {
        var result = RemoteExecutionContextReader.Read(body);

        Assert.False(result.IsValid);
        Assert.Null(result.Context);
        Assert.Equal(error, result.Error);
    }

    [Theory]
    [InlineData("{\"key\":\"modifiedon\",\"value\":\"\\/Date(abc)\\/\"}", "InputParameters[Target].Attributes[modifiedon] is not a valid /Date(ms)/ or /Date(ms±hhmm)/ value: '/Date(abc)/'.")]
    [InlineData("{\"key\":\"modifiedon\",\"value\":\"\\/Date(1506384247000+9900)\\/\"}", "InputParameters[Target].Attributes[modifiedon] has an offset out of range: '/Date(1506384247000+9900)/'.")]
    [InlineData("{\"key\":\"modifiedby\",\"value\":{\"__type\":\"EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts\",\"LogicalName\":\"systemuser\"}}", "InputParameters[Target].Attributes[modifiedby].Id is missing.")]
    [InlineData("{\"key\":\"modifiedby\",\"value\":{\"__type\":\"EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts\",\"LogicalName\":\"systemuser\",\"Id\":\"me\"}}", "InputParameters[Target].Attributes[modifiedby].Id is not a GUID: 'me'.")]
    [InlineData("{\"key\":\"prioritycode\",\"value\":{\"__type\":\"OptionSetValue:http://schemas.microsoft.com/xrm/2011/Contracts\",\"Value\":\"High\"}}", "InputParameters[Target].Attributes[prioritycode].Value is 'High', not a whole number.")]
    [InlineData("{\"key\":\"revenue\",\"value\":{\"__type\":\"Money:http://schemas.microsoft.com/xrm/2011/Contracts\",\"Value\":null}}", "InputParameters[Target].Attributes[revenue].Value is not an amount.")]
    [InlineData("{\"key\":\"x\",\"value\":{\"__type\":7}}", "InputParameters[Target].Attributes[x].__type is a JSON number, not a string.")]
    [InlineData("{\"key\":\"to\",\"value\":{\"__type\":\"EntityCollection:http://schemas.microsoft.com/xrm/2011/Contracts\",\"Entities\":[{\"Attributes\":[]}]}}", "InputParameters[Target].Attributes[to].Entities[0].LogicalName is missing.")]
    public void Read_MalformedAttribute_ErrorGivesItsPath(string attribute, string error)
    {
        var body = "{" + Head + ",\"InputParameters\":[{\"key\":\"Target\",\"value\":{\"__type\":\"Entity:http://schemas.microsoft.com/xrm/2011/Contracts\",\"LogicalName\":\"contact\",\"Id\":\"0928bcb4-bb27-ed11-9db1-002248274ada\",\"Attributes\":[" + attribute + "]}}]}";

        var result = RemoteExecutionContextReader.Read(body);

        Assert.False(result.IsValid);
        Assert.Equal(error, result.Error);
    }

    [Theory]
    [InlineData("{\"MessageName\":\"Update\",")]
    [InlineData("{\"MessageName\":'Update'}")]
    [InlineData("{} {}")]
    public void Read_NotJson_ErrorSaysSoWithThePosition(string body)
    {
        var result = RemoteExecutionContextReader.Read(body);

        Assert.False(result.IsValid);
        Assert.StartsWith("The body is not valid JSON: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("LineNumber", result.Error, StringComparison.Ordinal);
    }
}
