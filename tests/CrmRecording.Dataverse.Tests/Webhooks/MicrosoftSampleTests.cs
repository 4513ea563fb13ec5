using CrmRecording.Dataverse.Tests.Support;
using CrmRecording.Dataverse.Webhooks;

namespace CrmRecording.Dataverse.Tests.Webhooks;

/// <summary>The body Microsoft documents on "Use WebHooks to create external handlers for server events" (contact Update, async PostOperation).</summary>
public sealed class MicrosoftSampleTests
{
    private static readonly Guid ContactId = Guid.Parse("6d81597f-0f9f-e711-8122-000d3aa2331c");
    private static readonly Guid SystemUserId = Guid.Parse("75c2dd85-e89e-e711-8122-000d3aa2331c");

    private static RemoteExecutionContext Read()
    {
        var result = RemoteExecutionContextReader.Read(Samples.Bytes("dataverse-webhook-body-contact-update.json"));
        Assert.True(result.IsValid, result.Error);
        return result.Context;
    }

    [Fact]
    public void Read_DocumentedSample_TopLevelFields()
    {
        var context = Read();

        Assert.Equal("Update", context.MessageName);
        Assert.Equal("contact", context.PrimaryEntityName);
        Assert.Equal(ContactId, context.PrimaryEntityId);
        Assert.Equal(40, context.Stage);
        Assert.Equal(1, context.Mode);
        Assert.Equal(1, context.Depth);
        Assert.Equal(SystemUserId, context.UserId);
        Assert.Equal(SystemUserId, context.InitiatingUserId);
        Assert.Null(context.InitiatingUserAzureActiveDirectoryObjectId);
        Assert.Equal(Guid.Parse("b374239d-4233-41a9-8b17-a86cb4f737b5"), context.CorrelationId);
        Assert.Equal(Guid.Parse("4af10637-4ea2-e711-8122-000d3aa2331c"), context.OperationId);
        Assert.Equal(Guid.Parse("4ef5b371-e89e-e711-8122-000d3aa2331c"), context.OrganizationId);
        Assert.Equal("OrgName", context.OrganizationName);
        Assert.Equal(Guid.Parse("e2b9dd85-e89e-e711-8122-000d3aa2331c"), context.BusinessUnitId);
        Assert.Null(context.RequestId);
        Assert.Equal("none", context.SecondaryEntityName);
        Assert.Equal(new WebhookEntityReference("sdkmessageprocessingstep", Guid.Parse("75417616-4ea2-e711-8122-000d3aa2331c"), null), context.OwningExtension);
        Assert.False(context.Truncated);
        Assert.Empty(context.OutputParameters);
        Assert.Empty(context.PreEntityImages);
        Assert.Empty(context.SharedVariables);
    }

    [Fact]
    public void Read_DocumentedSample_OperationCreatedOnWithOffsetIsTheInstantAtMinusSeven()
    {
        var created = Read().OperationCreatedOn!.Value;

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1506409448000), created);
        Assert.Equal(TimeSpan.FromHours(-7), created.Offset);
    }

    [Fact]
    public void Read_DocumentedSample_TargetAttributesAreTyped()
    {
        var target = Read().TargetEntity;

        Assert.NotNull(target);
        Assert.Equal("contact", target.LogicalName);
        Assert.Equal(ContactId, target.Id);
        Assert.Equal("James", target.Value("firstname"));
        Assert.Equal("6d81597f-0f9f-e711-8122-000d3aa2331c", target.Value("contactid"));
        Assert.Equal("James Glynn (sample)", target.Value("fullname"));
        Assert.Equal(new DateTimeOffset(2017, 9, 26, 0, 4, 7, TimeSpan.Zero), target.Value("modifiedon"));
        Assert.Equal(new WebhookEntityReference("systemuser", SystemUserId, null), target.Value("modifiedby"));
        Assert.True(target.Attributes.ContainsKey("modifiedonbehalfby"));
        Assert.Null(target.Value("modifiedonbehalfby"));
        Assert.Empty(target.FormattedValues);
        Assert.Null(target.RowVersion);
    }

    [Fact]
    public void Read_DocumentedSample_PostImageWithoutTypeMarkerIsARow()
    {
        var image = Read().PostEntityImages["AsynchronousStepPrimaryName"];

        Assert.Equal("contact", image.LogicalName);
        Assert.Equal(ContactId, image.Id);
        Assert.Equal("James Glynn (sample)", image.Value("fullname"));
    }

    [Fact]
    public void Read_DocumentedSample_ParentContextWithSharedVariables()
    {
        var parent = Read().ParentContext;

        Assert.NotNull(parent);
        Assert.Equal(30, parent.Stage);
        Assert.Equal("OneFarm", parent.OrganizationName);
        Assert.Null(parent.ParentContext);
        Assert.Equal(false, parent.InputParameters["SuppressDuplicateDetection"]);
        Assert.Equal(2, parent.TargetEntity!.Attributes.Count);
        var changed = Assert.IsType<List<object?>>(parent.SharedVariables["ChangedEntityTypes"]);
        Assert.Equal(14, changed.Count);
        Assert.Equal(new KeyValuePair<string, object?>("feedback", "Update"), changed[0]);
        Assert.Equal(new KeyValuePair<string, object?>("contact", "Update"), changed[^1]);
    }

    [Fact]
    public void Read_DocumentedSampleAsString_ReadsTheSame()
    {
        var result = RemoteExecutionContextReader.Read(Samples.Text("dataverse-webhook-body-contact-update.json"));

        Assert.True(result.IsValid, result.Error);
        Assert.Equal(ContactId, result.Context.PrimaryEntityId);
        Assert.Equal("James", result.Context.TargetEntity!.Value("firstname"));
    }
}
