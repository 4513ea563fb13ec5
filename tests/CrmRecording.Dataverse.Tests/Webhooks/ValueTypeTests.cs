using CrmRecording.Dataverse.Webhooks;

namespace CrmRecording.Dataverse.Tests.Webhooks;

/// <summary>
/// Every value type a webhook body carries, in the serialized form Dataverse posts: a phone call Create
/// (sync PreOperation) with lookups, choices, money, a multi-select, both date forms, party lists, images.
/// </summary>
public sealed class ValueTypeTests
{
    private const string PhoneCallCreate = """
        {
          "BusinessUnitId": "e2b9dd85-e89e-e711-8122-000d3aa2331c",
          "CorrelationId": "9a1e6c0d-3b4f-4f7e-9a51-1c2d3e4f5a6b",
          "Depth": 1,
          "InitiatingUserAzureActiveDirectoryObjectId": "9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f",
          "InitiatingUserId": "4026be43-6b69-e111-8f65-78e7d1620f5e",
          "InputParameters": [{
            "key": "Target",
            "value": {
              "__type": "Entity:http:\/\/schemas.microsoft.com\/xrm\/2011\/Contracts",
              "Attributes": [
                { "key": "subject", "value": "Discovery call" },
                { "key": "regardingobjectid", "value": {
                    "__type": "EntityReference:http:\/\/schemas.microsoft.com\/xrm\/2011\/Contracts",
                    "Id": "b3828ac8-917a-e511-80d2-00155d2a68d2", "KeyAttributes": [], "LogicalName": "opportunity",
                    "Name": "Fourth Coffee renewal", "RowVersion": null } },
                { "key": "prioritycode", "value": { "__type": "OptionSetValue:http:\/\/schemas.microsoft.com\/xrm\/2011\/Contracts", "Value": 2 } },
                { "key": "crr_estimatedvalue", "value": { "__type": "Money:http:\/\/schemas.microsoft.com\/xrm\/2011\/Contracts", "Value": 5000000.0000 } },
                { "key": "crr_channels", "value": [
                    { "__type": "OptionSetValue:http:\/\/schemas.microsoft.com\/xrm\/2011\/Contracts", "Value": 100000000 },
                    { "__type": "OptionSetValue:http:\/\/schemas.microsoft.com\/xrm\/2011\/Contracts", "Value": 100000002 } ] },
                { "key": "crr_nochannels", "value": [] },
                { "key": "scheduledstart", "value": "\/Date(1763802000000)\/" },
                { "key": "crr_localstart", "value": "\/Date(1763802000000+0530)\/" },
                { "key": "crr_birthdate", "value": "\/Date(-86400000)\/" },
                { "key": "actualdurationminutes", "value": 5 },
                { "key": "crr_bignumber", "value": 9007199254740993 },
                { "key": "crr_ratio", "value": 0.25 },
                { "key": "directioncode", "value": true },
                { "key": "description", "value": null },
                { "key": "activityid", "value": "7eb682f1-ca75-e511-80d4-00155d2a68d1" },
                { "key": "from", "value": {
                    "__type": "EntityCollection:http:\/\/schemas.microsoft.com\/xrm\/2011\/Contracts",
                    "Entities": [{
                      "Attributes": [
                        { "key": "partyid", "value": { "__type": "EntityReference:http:\/\/schemas.microsoft.com\/xrm\/2011\/Contracts",
                            "Id": "4026be43-6b69-e111-8f65-78e7d1620f5e", "KeyAttributes": [], "LogicalName": "systemuser", "Name": "Nancy Anderson", "RowVersion": null } },
                        { "key": "participationtypemask", "value": { "__type": "OptionSetValue:http:\/\/schemas.microsoft.com\/xrm\/2011\/Contracts", "Value": 1 } }
                      ],
                      "EntityState": null,
                      "FormattedValues": [ { "key": "participationtypemask", "value": "Sender" } ],
                      "Id": "00000000-0000-0000-0000-000000000000", "KeyAttributes": [], "LogicalName": "activityparty", "RelatedEntities": [], "RowVersion": null
                    }],
                    "EntityName": "activityparty", "MinActiveRowVersion": "-1", "MoreRecords": false, "PagingCookie": null,
                    "TotalRecordCount": -1, "TotalRecordCountLimitExceeded": false } },
                { "key": "crr_aliased", "value": { "__type": "AliasedValue:http:\/\/schemas.microsoft.com\/xrm\/2011\/Contracts", "AttributeLogicalName": "name", "EntityLogicalName": "account", "Value": "Contoso" } }
              ],
              "EntityState": null,
              "FormattedValues": [
                { "key": "prioritycode", "value": "High" },
                { "key": "crr_estimatedvalue", "value": "$5,000,000.00" }
              ],
              "Id": "7eb682f1-ca75-e511-80d4-00155d2a68d1",
              "KeyAttributes": [],
              "LogicalName": "phonecall",
              "RelatedEntities": [],
              "RowVersion": null
            }
          }],
          "IsExecutingOffline": false,
          "IsInTransaction": true,
          "MessageName": "Create",
          "Mode": 0,
          "OperationCreatedOn": "\/Date(1763802000000)\/",
          "OperationId": "00000000-0000-0000-0000-000000000000",
          "OrganizationId": "4ef5b371-e89e-e711-8122-000d3aa2331c",
          "OrganizationName": "contoso",
          "OutputParameters": [],
          "ParentContext": null,
          "PostEntityImages": [],
          "PreEntityImages": [],
          "PrimaryEntityId": "7eb682f1-ca75-e511-80d4-00155d2a68d1",
          "PrimaryEntityName": "phonecall",
          "RequestId": "5d6fc6a9-7a5a-4c3d-9b1a-4d8e7f3c2b10",
          "SecondaryEntityName": "none",
          "SharedVariables": [],
          "Stage": 20,
          "UserId": "4026be43-6b69-e111-8f65-78e7d1620f5e",
          "NewPlatformField": { "Nested": [1, 2, 3] },
          "IsTransientError": false
        }
        """;

    private static readonly DateTimeOffset Start = new(2025, 11, 22, 9, 0, 0, TimeSpan.Zero);

    private static WebhookEntity Target()
    {
        var result = RemoteExecutionContextReader.Read(PhoneCallCreate);
        Assert.True(result.IsValid, result.Error);
        return result.Context.TargetEntity!;
    }

    [Fact]
    public void Read_SyncPreOperationCreate_TopLevelFieldsAndUnknownKeysTolerated()
    {
        var result = RemoteExecutionContextReader.Read(PhoneCallCreate);

        Assert.True(result.IsValid, result.Error);
        var context = result.Context;
        Assert.Equal(("Create", "phonecall", 20, 0), (context.MessageName, context.PrimaryEntityName, context.Stage, context.Mode));
        Assert.Equal(Guid.Parse("9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f"), context.InitiatingUserAzureActiveDirectoryObjectId);
        Assert.Equal(Guid.Parse("5d6fc6a9-7a5a-4c3d-9b1a-4d8e7f3c2b10"), context.RequestId);
        Assert.Equal(Guid.Empty, context.OperationId);
        Assert.Equal(Start, context.OperationCreatedOn);
        Assert.Null(context.ParentContext);
    }

    [Fact]
    public void Read_EntityReference_KeepsTableIdAndName()
    {
        Assert.Equal(
            new WebhookEntityReference("opportunity", Guid.Parse("b3828ac8-917a-e511-80d2-00155d2a68d2"), "Fourth Coffee renewal"),
            Target().Value("regardingobjectid"));
    }

    [Fact]
    public void Read_OptionSetValueAndMoney_AreTypedWithFormattedLabels()
    {
        var target = Target();

        Assert.Equal(new WebhookOptionSetValue(2), target.Value("prioritycode"));
        Assert.Equal(new WebhookMoney(5000000m), target.Value("crr_estimatedvalue"));
        Assert.Equal("High", target.FormattedValues["prioritycode"]);
        Assert.Equal("$5,000,000.00", target.FormattedValues["crr_estimatedvalue"]);
    }

    [Fact]
    public void Read_MultiSelectChoice_IsAListOfOptionSetValues()
    {
        var target = Target();

        Assert.Equal(
            [new WebhookOptionSetValue(100000000), new WebhookOptionSetValue(100000002)],
            Assert.IsType<List<WebhookOptionSetValue>>(target.Value("crr_channels")));
        Assert.Empty(Assert.IsType<List<object?>>(target.Value("crr_nochannels")));
    }

    [Fact]
    public void Read_Dates_UtcFormOffsetFormAndBeforeNineteenSeventy()
    {
        var target = Target();

        var utc = Assert.IsType<DateTimeOffset>(target.Value("scheduledstart"));
        Assert.Equal(Start, utc);
        Assert.Equal(TimeSpan.Zero, utc.Offset);
        var local = Assert.IsType<DateTimeOffset>(target.Value("crr_localstart"));
        Assert.Equal(Start, local);
        Assert.Equal(new TimeSpan(5, 30, 0), local.Offset);
        Assert.Equal(new DateTimeOffset(1969, 12, 31, 0, 0, 0, TimeSpan.Zero), target.Value("crr_birthdate"));
    }

    [Fact]
    public void Read_NumbersBooleansNullsAndGuidLookingStrings_KeepTheirJsonTypes()
    {
        var target = Target();

        Assert.Equal(5, target.Value("actualdurationminutes"));
        Assert.Equal(9007199254740993L, target.Value("crr_bignumber"));
        Assert.Equal(0.25m, target.Value("crr_ratio"));
        Assert.Equal(true, target.Value("directioncode"));
        Assert.Null(target.Value("description"));
        Assert.Equal("7eb682f1-ca75-e511-80d4-00155d2a68d1", target.Value("activityid"));
    }

    [Fact]
    public void Read_EntityCollection_PartiesAreRowsWithTheirOwnValues()
    {
        var from = Assert.IsType<WebhookEntityCollection>(Target().Value("from"));

        Assert.Equal("activityparty", from.EntityName);
        Assert.False(from.MoreRecords);
        Assert.Equal(-1, from.TotalRecordCount);
        var party = Assert.Single(from);
        Assert.Equal("activityparty", party.LogicalName);
        Assert.Equal(new WebhookEntityReference("systemuser", Guid.Parse("4026be43-6b69-e111-8f65-78e7d1620f5e"), "Nancy Anderson"), party.Value("partyid"));
        Assert.Equal(new WebhookOptionSetValue(1), party.Value("participationtypemask"));
        Assert.Equal("Sender", party.FormattedValues["participationtypemask"]);
    }

    [Fact]
    public void Read_UnmodelledTypedObject_KeptAsItsJson()
    {
        var aliased = Assert.IsType<WebhookUnrecognizedValue>(Target().Value("crr_aliased"));

        Assert.Equal("AliasedValue", aliased.TypeName);
        Assert.Contains("\"EntityLogicalName\": \"account\"", aliased.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PreAndPostImagesOfAnUpdate_AreRowsByImageName()
    {
        const string Update = """
            {
              "MessageName": "Update", "PrimaryEntityName": "contact", "PrimaryEntityId": "0928bcb4-bb27-ed11-9db1-002248274ada",
              "Stage": 40, "Mode": 1, "Depth": 2,
              "InputParameters": [{ "key": "Target", "value": { "__type": "Entity:http:\/\/schemas.microsoft.com\/xrm\/2011\/Contracts",
                  "Attributes": [{ "key": "telephone1", "value": "+1 775 555 0100" }], "FormattedValues": [],
                  "Id": "0928bcb4-bb27-ed11-9db1-002248274ada", "LogicalName": "contact" } }],
              "PreEntityImages": [{ "key": "PreImage", "value": {
                  "Attributes": [
                    { "key": "telephone1", "value": "+1 415 555 0105" },
                    { "key": "crr_consentstatus", "value": { "__type": "OptionSetValue:http:\/\/schemas.microsoft.com\/xrm\/2011\/Contracts", "Value": 100000001 } }
                  ],
                  "FormattedValues": [{ "key": "crr_consentstatus", "value": "Granted" }],
                  "Id": "0928bcb4-bb27-ed11-9db1-002248274ada", "LogicalName": "contact", "RowVersion": "72935648" } }],
              "PostEntityImages": [{ "key": "PostImage", "value": {
                  "Attributes": [{ "key": "telephone1", "value": "+1 775 555 0100" }],
                  "FormattedValues": [], "Id": "0928bcb4-bb27-ed11-9db1-002248274ada", "LogicalName": "contact", "RowVersion": "72935701" } }]
            }
            """;

        var result = RemoteExecutionContextReader.Read(Update);

        Assert.True(result.IsValid, result.Error);
        var pre = result.Context.PreEntityImages["PreImage"];
        var post = result.Context.PostEntityImages["PostImage"];
        Assert.Equal(2, result.Context.Depth);
        Assert.Equal("+1 415 555 0105", pre.Value("telephone1"));
        Assert.Equal(new WebhookOptionSetValue(100000001), pre.Value("crr_consentstatus"));
        Assert.Equal("Granted", pre.FormattedValues["crr_consentstatus"]);
        Assert.Equal("72935648", pre.RowVersion);
        Assert.Equal("+1 775 555 0100", post.Value("telephone1"));
        Assert.Equal("72935701", post.RowVersion);
    }

    [Fact]
    public void Read_DeleteTargetIsALookup_TargetEntityIsNull()
    {
        const string Delete = """
            {
              "MessageName": "Delete", "PrimaryEntityName": "contact", "PrimaryEntityId": "0928bcb4-bb27-ed11-9db1-002248274ada",
              "InputParameters": [{ "key": "Target", "value": { "__type": "EntityReference:http:\/\/schemas.microsoft.com\/xrm\/2011\/Contracts",
                  "Id": "0928bcb4-bb27-ed11-9db1-002248274ada", "KeyAttributes": [], "LogicalName": "contact", "Name": null, "RowVersion": null } }]
            }
            """;

        var result = RemoteExecutionContextReader.Read(Delete);

        Assert.True(result.IsValid, result.Error);
        Assert.Null(result.Context.TargetEntity);
        Assert.IsType<WebhookEntityReference>(result.Context.InputParameters["Target"]);
    }

    [Fact]
    public void Read_OutputParametersOfACreate_CarryTheNewIdAsAString()
    {
        const string Created = """
            {
              "MessageName": "Create", "PrimaryEntityName": "contact", "PrimaryEntityId": "0928bcb4-bb27-ed11-9db1-002248274ada",
              "OutputParameters": [{ "key": "id", "value": "0928bcb4-bb27-ed11-9db1-002248274ada" }]
            }
            """;

        var result = RemoteExecutionContextReader.Read(Created);

        Assert.True(result.IsValid, result.Error);
        Assert.Equal("0928bcb4-bb27-ed11-9db1-002248274ada", result.Context.OutputParameters["id"]);
    }
}
