namespace CrmRecording.Service.Pages;

/// <summary>
/// Origins trusted like <c>Pages:FrameAncestors</c> and <c>Pages:OrgOrigins</c> that are known only once the service
/// runs: the sandbox CRM page is served by the service itself, on whatever port it listens on.
/// </summary>
public interface IRuntimePageOrigins
{
    /// <summary>Origins such as <c>http://127.0.0.1:5080</c>; empty until known.</summary>
    IReadOnlyList<string> Origins { get; }
}
