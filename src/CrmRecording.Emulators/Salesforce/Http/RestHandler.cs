using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CrmRecording.Emulators.Journal;
using CrmRecording.Emulators.Salesforce.Auth;
using CrmRecording.Emulators.Salesforce.Faults;
using CrmRecording.Emulators.Salesforce.Journal;
using CrmRecording.Emulators.Salesforce.Org;
using CrmRecording.Emulators.Salesforce.Soql;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace CrmRecording.Emulators.Salesforce.Http;

/// <summary>
/// Serves both hosts. The login host answers only <c>/services/oauth2/token</c>; the instance host answers the REST
/// subset under <c>/services/data/vXX.X/</c> after injected faults, the bearer check (401 INVALID_SESSION_ID) and the
/// daily limit (403 REQUEST_LIMIT_EXCEEDED), with <c>Sforce-Limit-Info</c> on every answer.
/// </summary>
internal sealed partial class RestHandler(
    SalesforceStandInOptions options,
    OrgStore store,
    SessionBook sessions,
    TokenHandler tokens,
    SalesforceFaults faults,
    RequestJournal<SalesforceRequest> journal,
    Func<int> loginPort)
{
    private readonly QueryPages pages = new(options.QueryPageSize);
    private long apiUsed;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var body = await new StreamReader(request.Body, Encoding.UTF8).ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        journal.Add(new SalesforceRequest(request.Method, new Uri(request.GetEncodedUrl()), request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
        var path = request.Path.Value ?? string.Empty;
        try
        {
            if (path == TokenHandler.Path && HttpMethods.IsPost(request.Method))
            {
                if (faults.IsDown)
                {
                    throw Unavailable();
                }

                await tokens.AnswerAsync(context, body).ConfigureAwait(false);
                return;
            }

            if (context.Connection.LocalPort == loginPort())
            {
                // Data goes to the instance_url the token endpoint names, never to the login host.
                throw new ApiError(HttpStatusCode.NotFound, "NOT_FOUND", "The requested resource does not exist on the login host; use the instance_url.");
            }

            var userId = Admit(request);
            var (version, relative) = ApiPath(path);
            await DispatchAsync(context, $"/services/data/v{version}/", relative, body, userId).ConfigureAwait(false);
        }
        catch (ApiError error)
        {
            await RestResponses.WriteErrorAsync(context, error).ConfigureAwait(false);
        }
    }

    /// <summary>Faults, the session, the limit; counts the request and sets <c>Sforce-Limit-Info</c>. Returns the session's user.</summary>
    private string Admit(HttpRequest request)
    {
        if (faults.TakeUnavailable())
        {
            throw Unavailable();
        }

        if (faults.TakeSessionExpiry())
        {
            sessions.ExpireAll();
        }

        var header = request.Headers.Authorization.ToString();
        var userId = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? sessions.UserOf(header[7..].Trim()) : null;
        if (userId is null)
        {
            throw new ApiError(HttpStatusCode.Unauthorized, "INVALID_SESSION_ID", "Session expired or invalid");
        }

        if (faults.LimitReached)
        {
            request.HttpContext.Response.Headers["Sforce-Limit-Info"] = string.Create(CultureInfo.InvariantCulture, $"api-usage={options.DailyApiLimit}/{options.DailyApiLimit}");
            throw new ApiError(HttpStatusCode.Forbidden, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
        }

        var used = Interlocked.Increment(ref apiUsed);
        request.HttpContext.Response.Headers["Sforce-Limit-Info"] = string.Create(CultureInfo.InvariantCulture, $"api-usage={used}/{options.DailyApiLimit}");
        return userId;
    }

    private (string Version, string Relative) ApiPath(string path)
    {
        var match = DataPath().Match(path);
        if (!match.Success || !decimal.TryParse(match.Groups["v"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var version)
            || version < options.MinApiVersion || version > options.MaxApiVersion)
        {
            throw ApiError.NotFound();
        }

        return (match.Groups["v"].Value, match.Groups["rest"].Value);
    }

    private Task DispatchAsync(HttpContext context, string apiPath, string relative, string body, string userId)
    {
        var method = context.Request.Method;
        var segments = relative.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return (method, segments) switch
        {
            ("GET", ["query"]) => QueryAsync(context, apiPath),
            ("GET", ["query", var locator]) => NextPageAsync(context, apiPath, locator),
            ("GET", ["sobjects", var type, var id]) => RetrieveAsync(context, type, id),
            ("POST", ["sobjects", var type]) => CreateAsync(context, type, body, userId),
            ("PATCH", ["sobjects", var type, var id]) => UpdateAsync(context, type, id, body, userId),
            ("PATCH", ["sobjects", var type, var field, var value]) => UpsertAsync(context, type, field, Uri.UnescapeDataString(value), body, userId),
            ("POST", ["composite", "sobjects"]) => CollectionAsync(context, body, userId, CollectionWrite.Create),
            ("PATCH", ["composite", "sobjects"]) => CollectionAsync(context, body, userId, CollectionWrite.Update),
            ("PATCH", ["composite", "sobjects", var type, var field]) => CollectionAsync(context, body, userId, CollectionWrite.Upsert, type, field),
            _ => throw ApiError.NotFound(),
        };
    }

    private Task QueryAsync(HttpContext context, string apiPath)
    {
        var soql = context.Request.Query["q"].ToString();
        if (soql.Length == 0)
        {
            throw ApiError.MalformedQuery("A query string has to be specified");
        }

        var records = new SoqlEngine(store, apiPath).Run(SoqlParser.Parse(soql));
        return RestResponses.WriteAsync(context, HttpStatusCode.OK, pages.First(records, apiPath));
    }

    private Task NextPageAsync(HttpContext context, string apiPath, string locator) =>
        RestResponses.WriteAsync(context, HttpStatusCode.OK, pages.Next(locator, apiPath)
            ?? throw new ApiError(HttpStatusCode.BadRequest, "INVALID_QUERY_LOCATOR", "invalid query locator"));

    private Task RetrieveAsync(HttpContext context, string type, string id)
    {
        var schema = OrgSchema.Find(type) ?? throw ApiError.InvalidType(type);
        var record = (RecordIds.Normalize(id) is { } canonical ? store.Get(schema.Name, canonical) : null) ?? throw ApiError.NotFound();
        var fields = context.Request.Query["fields"].ToString() is { Length: > 0 } list ? list.Split(',', StringSplitOptions.TrimEntries) : [.. schema.Fields];
        var result = new JsonObject { ["attributes"] = new JsonObject { ["type"] = schema.Name, ["url"] = context.Request.Path.Value } };
        foreach (var field in fields)
        {
            result[schema.Fields.TryGetValue(field, out var name) ? name : throw ApiError.InvalidField(schema.Name, field)] = record[name]?.DeepClone();
        }

        return RestResponses.WriteAsync(context, HttpStatusCode.OK, result);
    }

    private static ApiError Unavailable() => new(HttpStatusCode.ServiceUnavailable, "SERVER_UNAVAILABLE", "The server is temporarily unavailable; try again later.");

    [GeneratedRegex(@"^/services/data/v(?<v>\d{2,3}\.\d)/(?<rest>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex DataPath();
}
