namespace CrmRecording.Emulators.Dataverse.Webhooks;

/// <summary>A step read from the <c>sdkmessageprocessingstep</c> rows, with its message, table, endpoint and images resolved.</summary>
internal sealed record RegisteredStep(
    Guid Id,
    string Name,
    string Message,
    string Table,
    int Stage,
    int Mode,
    int Rank,
    IReadOnlySet<string> FilteringAttributes,
    IReadOnlyList<RegisteredImage> Images,
    RegisteredEndpoint Endpoint)
{
    public bool IsSynchronous => Mode == (int)StepMode.Synchronous;
}

internal sealed record RegisteredImage(string Alias, int ImageType, IReadOnlySet<string> Attributes)
{
    public bool IsPre => ImageType is (int)StepImageType.PreImage or (int)StepImageType.Both;

    public bool IsPost => ImageType is (int)StepImageType.PostImage or (int)StepImageType.Both;
}

internal sealed record RegisteredEndpoint(Guid Id, string Name, Uri Url, int AuthType, string? AuthValue);
