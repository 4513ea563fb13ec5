using System.Text;
using CrmRecording.Dataverse.Webhooks;

namespace CrmRecording.Dataverse.Tests.Webhooks;

/// <summary>Over 256 KB Dataverse sends <c>x-ms-dynamics-msg-size-exceeded</c> and drops the parameters, images and parent context.</summary>
public sealed class TruncatedBodyTests
{
    [Fact]
    public void Read_SizeExceededWithOnlyThePrimaryEntity_IsTruncatedAndAsksForARereadById()
    {
        var result = RemoteExecutionContextReader.Read(
            """{"PrimaryEntityId":"0928bcb4-bb27-ed11-9db1-002248274ada","PrimaryEntityName":"contact"}""", sizeExceeded: true);

        Assert.True(result.IsValid, result.Error);
        Assert.True(result.Context.Truncated);
        Assert.Equal(string.Empty, result.Context.MessageName);
        Assert.Equal(Guid.Parse("0928bcb4-bb27-ed11-9db1-002248274ada"), result.Context.PrimaryEntityId);
        Assert.Equal("contact", result.Context.PrimaryEntityName);
        Assert.Empty(result.Context.InputParameters);
        Assert.Empty(result.Context.PreEntityImages);
        Assert.Empty(result.Context.PostEntityImages);
        Assert.Null(result.Context.ParentContext);
        Assert.Null(result.Context.TargetEntity);
    }

    [Fact]
    public void Read_SizeExceededKeepingTheOtherFields_ReadsThem()
    {
        var result = RemoteExecutionContextReader.Read(
            """
            {"MessageName":"Update","PrimaryEntityId":"0928bcb4-bb27-ed11-9db1-002248274ada","PrimaryEntityName":"contact",
             "Stage":40,"Mode":1,"Depth":1,"UserId":"4026be43-6b69-e111-8f65-78e7d1620f5e","OutputParameters":[],"SharedVariables":[]}
            """u8,
            sizeExceeded: true);

        Assert.True(result.IsValid, result.Error);
        Assert.True(result.Context.Truncated);
        Assert.Equal("Update", result.Context.MessageName);
        Assert.Equal(40, result.Context.Stage);
    }

    [Fact]
    public void Read_SizeExceededWithoutThePrimaryEntityId_IsStillAnError()
    {
        var result = RemoteExecutionContextReader.Read("""{"PrimaryEntityName":"contact"}""", sizeExceeded: true);

        Assert.False(result.IsValid);
        Assert.Equal("PrimaryEntityId is missing.", result.Error);
    }

    [Fact]
    public void Read_NotSizeExceeded_MessageNameIsRequired()
    {
        var result = RemoteExecutionContextReader.Read("""{"PrimaryEntityId":"0928bcb4-bb27-ed11-9db1-002248274ada","PrimaryEntityName":"contact"}""");

        Assert.False(result.IsValid);
        Assert.Equal("MessageName is missing.", result.Error);
    }

    [Fact]
    public void Read_BodyWithUtf8ByteOrderMark_IsRead()
    {
        var body = Encoding.UTF8.GetPreamble()
            .Concat("""{"MessageName":"Create","PrimaryEntityId":"0928bcb4-bb27-ed11-9db1-002248274ada","PrimaryEntityName":"contact"}"""u8.ToArray())
            .ToArray();

        var result = RemoteExecutionContextReader.Read(body);

        Assert.True(result.IsValid, result.Error);
        Assert.False(result.Context.Truncated);
    }
}
