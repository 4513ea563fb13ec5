using System.Net;

namespace CrmRecording.Emulators.Salesforce.Http;

/// <summary>An error as the REST API states it: one element of <c>[{"message","errorCode","fields"}]</c> and its HTTP status.</summary>
internal sealed class ApiError(HttpStatusCode status, string code, string message, params string[] fields) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    public string Code { get; } = code;

    public IReadOnlyList<string> Fields { get; } = fields;

    public static ApiError MalformedQuery(string message) => new(HttpStatusCode.BadRequest, "MALFORMED_QUERY", message);

    public static ApiError InvalidType(string type) => new(HttpStatusCode.BadRequest, "INVALID_TYPE", $"sObject type '{type}' is not supported.");

    public static ApiError InvalidField(string type, string field) =>
        new(HttpStatusCode.BadRequest, "INVALID_FIELD", $"No such column '{field}' on entity '{type}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.", field);

    public static ApiError NotFound() => new(HttpStatusCode.NotFound, "NOT_FOUND", "The requested resource does not exist");
}
