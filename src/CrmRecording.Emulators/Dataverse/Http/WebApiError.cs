using System.Net;

namespace CrmRecording.Emulators.Dataverse.Http;

/// <summary>
/// An error the stand-in answers with, in Dataverse's shape <c>{"error":{"code","message"}}</c>.
/// Codes are Dataverse's hex error values (Microsoft Learn, "Web service error codes").
/// </summary>
internal sealed record WebApiError(HttpStatusCode Status, string Code, string Message)
{
    /// <summary>ObjectDoesNotExist (-2147220969).</summary>
    public const string ObjectDoesNotExistCode = "0x80040217";

    /// <summary>The OData layer's bad-request code ("Could not find a property named ...").</summary>
    public const string BadRequestCode = "0x80060888";

    /// <summary>"Resource not found for the segment '...'" (documented with status 404).</summary>
    public const string ResourceNotFoundCode = "0x8006088a";

    /// <summary>The code of an error raised by a plug-in (the documented <c>InvalidPluginExecutionException</c> example).</summary>
    public const string PluginCancelledCode = "0x80040265";

    /// <summary>Service protection: "Number of requests exceeded the limit of 6000 over time window of 300 seconds."</summary>
    public const string RequestLimitCode = "0x80072322";

    /// <summary>Service protection: "Combined execution time of incoming requests exceeded limit of 1,200,000 milliseconds over time window of 300 seconds."</summary>
    public const string ExecutionTimeLimitCode = "0x80072321";

    /// <summary>Service protection: "Number of concurrent requests exceeded the limit of 52."</summary>
    public const string ConcurrencyLimitCode = "0x80072326";

    /// <summary>"An unexpected error occurred."</summary>
    public const string UnexpectedCode = "0x80040216";

    /// <summary>A message the table does not support, such as <c>UpdateMultiple</c> on a table that has no bulk messages yet.</summary>
    public const string MessageNotSupportedCode = "0x80040800";

    public static WebApiError MessageNotSupported(string message, string table) =>
        new(HttpStatusCode.BadRequest, MessageNotSupportedCode, $"The '{message}' method does not support entities of type '{table}'. MessageProcessorCache returned MessageProcessor.Empty.");

    public static WebApiError DoesNotExist(string table, Guid id) =>
        new(HttpStatusCode.NotFound, ObjectDoesNotExistCode, $"{table} With Id = {id:D} Does Not Exist");

    public static WebApiError BadRequest(string message) => new(HttpStatusCode.BadRequest, BadRequestCode, message);

    public static WebApiError SegmentNotFound(string segment) =>
        new(HttpStatusCode.NotFound, ResourceNotFoundCode, $"Resource not found for the segment '{segment}'.");

    public static WebApiError NotImplemented(string what) =>
        BadRequest($"The Dataverse stand-in does not implement {what}.");
}
