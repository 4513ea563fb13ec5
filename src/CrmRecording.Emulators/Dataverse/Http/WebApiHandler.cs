using System.Net;
using System.Security.Cryptography;
using System.Text;
using CrmRecording.Emulators.Dataverse.Faults;
using CrmRecording.Emulators.Dataverse.Journal;
using CrmRecording.Emulators.Dataverse.Limits;
using CrmRecording.Emulators.Dataverse.Operations;
using CrmRecording.Emulators.Dataverse.Store;
using CrmRecording.Emulators.Dataverse.Webhooks;
using CrmRecording.Emulators.Journal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace CrmRecording.Emulators.Dataverse.Http;

/// <summary>
/// Serves <c>/api/data/v9.2/</c>. Every request is recorded; Web API requests then meet injected faults,
/// the bearer check (401 with Dataverse's <c>WWW-Authenticate</c> challenge) and the OData version check,
/// and are answered with <c>OData-Version: 4.0</c> and a <c>REQ_ID</c>, as Dataverse answers.
/// </summary>
internal sealed partial class WebApiHandler(
    DataverseStandInOptions options,
    RowStore store,
    RowWriter writer,
    FaultInjector faults,
    RequestJournal<RecordedRequest> requests,
    DepthTracker depths,
    ServiceProtection protection,
    Func<Uri> baseAddress)
{
    public const string ApiPath = "/api/data/v9.2/";

    private Uri ApiBase => new(baseAddress(), ApiPath);

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var body = await new StreamReader(request.Body, Encoding.UTF8).ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        requests.Add(new RecordedRequest(
            request.Method,
            new Uri(request.GetEncodedUrl()),
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body) { ReceivedAt = options.TimeProvider.GetUtcNow() });
        context.Response.Headers["OData-Version"] = "4.0";
        context.Response.Headers["REQ_ID"] = Guid.NewGuid().ToString("D");

        var path = request.Path.Value ?? string.Empty;
        if (TokenEndpoint.Matches(request))
        {
            await TokenEndpoint.AnswerAsync(context, body, options).ConfigureAwait(false);
            return;
        }

        var preferences = Preferences.From(request);
        if (!path.StartsWith(ApiPath, StringComparison.Ordinal))
        {
            var segment = path.Trim('/').Split('/').LastOrDefault() ?? string.Empty;
            await WebApiResponses.WriteErrorAsync(context, WebApiError.SegmentNotFound(segment), preferences).ConfigureAwait(false);
            return;
        }

        if (faults.Next() is { } fault)
        {
            await AnswerFaultAsync(context, fault, preferences).ConfigureAwait(false);
            return;
        }

        if (Caller(request) is not { } caller)
        {
            Challenge(context);
            return;
        }

        if (protection.Enter(caller) is { } refusal)
        {
            await AnswerRefusalAsync(context, refusal, preferences).ConfigureAwait(false);
            return;
        }

        var started = options.TimeProvider.GetTimestamp();
        try
        {
            CheckODataVersion(request);
            context.Items[CallerKey] = caller;
            await DispatchAsync(context, path[ApiPath.Length..], body, preferences).ConfigureAwait(false);
        }
        catch (WebApiErrorException exception)
        {
            await WebApiResponses.WriteErrorAsync(context, exception.Error, preferences).ConfigureAwait(false);
        }
        finally
        {
            protection.Leave(caller, options.TimeProvider.GetElapsedTime(started));
        }
    }

    private Task DispatchAsync(HttpContext context, string relativePath, string body, Preferences preferences)
    {
        var method = context.Request.Method;
        if (relativePath is "WhoAmI" or "WhoAmI()" && HttpMethods.IsGet(method))
        {
            return WhoAmIAsync(context);
        }

        if (relativePath == "$batch" && HttpMethods.IsPost(method))
        {
            return BatchAsync(context, body);
        }

        if (BulkAction.Parse(relativePath) is { } bulk && HttpMethods.IsPost(method))
        {
            return UpdateMultipleAsync(context, bulk, body);
        }

        var resource = ResourcePath.Parse(relativePath) ?? throw new WebApiErrorException(WebApiError.SegmentNotFound(relativePath));
        var table = Metadata.TableCatalog.FindBySet(resource.Segment) ?? throw new WebApiErrorException(WebApiError.SegmentNotFound(resource.Segment));
        return (method, resource) switch
        {
            _ when HttpMethods.IsGet(method) && resource.Key is null => ReadCollectionAsync(context, table, preferences),
            _ when HttpMethods.IsGet(method) && resource.Navigation is null => ReadRowAsync(context, table, resource.Key!.Value, preferences),
            _ when HttpMethods.IsGet(method) && !resource.IsReference => ReadNavigationAsync(context, table, resource.Key!.Value, resource.Navigation!, preferences),
            _ when HttpMethods.IsPost(method) && resource.Key is null => CreateAsync(context, table, body, preferences),
            _ when HttpMethods.IsPost(method) && resource.IsReference => AssociateAsync(context, table, resource.Key!.Value, resource.Navigation!, body),
            _ when HttpMethods.IsPatch(method) && resource.Key is { } key && resource.Navigation is null => UpdateAsync(context, table, key, body, preferences),
            _ when HttpMethods.IsDelete(method) && resource.Key is { } key && resource.Navigation is null => DeleteAsync(context, table, key),
            _ => throw new WebApiErrorException(new WebApiError(HttpStatusCode.MethodNotAllowed, WebApiError.BadRequestCode, $"The HTTP method '{method}' is not allowed on '{relativePath}'.")),
        };
    }

    private const string CallerKey = "crr.caller";

    private OperationContext BeginOperation(HttpRequest request) =>
        depths.Begin(request.HttpContext.Items[CallerKey] as Guid? ?? options.CallerUserId, request.Headers["x-ms-correlation-request-id"].ToString())
            with { ChangeSet = request.HttpContext.Items[ChangeSetKey] as ChangeSet };

    /// <summary>The user the bearer token stands for, or null when it is no token the stand-in issued.</summary>
    private Guid? Caller(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var presented = Encoding.UTF8.GetBytes(header[scheme.Length..].Trim());
        Guid? caller = CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(options.BearerToken)) ? options.CallerUserId : null;
        foreach (var (token, user) in options.OtherCallers)
        {
            caller = CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(token)) ? user : caller;
        }

        return caller;
    }

    /// <summary>Dataverse names the tenant's authority and the environment in its challenge; the body is empty.</summary>
    private void Challenge(HttpContext context)
    {
        context.Response.StatusCode = (int)HttpStatusCode.Unauthorized;
        context.Response.Headers.WWWAuthenticate =
            $"Bearer authorization_uri=https://login.microsoftonline.com/{options.TenantId:D}/oauth2/authorize, resource_id={baseAddress()}";
    }

    private static void CheckODataVersion(HttpRequest request)
    {
        foreach (var header in new[] { "OData-Version", "OData-MaxVersion" })
        {
            var value = request.Headers[header].ToString();
            if (value.Length > 0 && value is not ("4.0" or "4.01"))
            {
                throw new WebApiErrorException(WebApiError.BadRequest($"The value '{value}' of the {header} header is not supported; the service supports OData 4.0."));
            }
        }
    }

    /// <summary>429 with Retry-After in seconds and the limit's documented code and message.</summary>
    private Task AnswerRefusalAsync(HttpContext context, ServiceProtectionRefusal refusal, Preferences preferences)
    {
        var limits = protection.Limits;
        var window = ((int)limits.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var error = refusal.Limit switch
        {
            ServiceProtectionLimit.Requests => new WebApiError(HttpStatusCode.TooManyRequests, WebApiError.RequestLimitCode, $"Number of requests exceeded the limit of {limits.MaxRequests} over time window of {window} seconds."),
            ServiceProtectionLimit.ExecutionTime => new WebApiError(HttpStatusCode.TooManyRequests, WebApiError.ExecutionTimeLimitCode, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Combined execution time of incoming requests exceeded limit of {limits.MaxExecutionTime.TotalMilliseconds:N0} milliseconds over time window of {window} seconds. Decrease number of concurrent requests or reduce the duration of requests and try again later.")),
            _ => new WebApiError(HttpStatusCode.TooManyRequests, WebApiError.ConcurrencyLimitCode, $"Number of concurrent requests exceeded the limit of {limits.MaxConcurrentRequests}."),
        };
        context.Response.Headers.RetryAfter = ((int)refusal.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return WebApiResponses.WriteErrorAsync(context, error, preferences);
    }

    private static Task AnswerFaultAsync(HttpContext context, InjectedFault fault, Preferences preferences)
    {
        if (fault.Kind == FaultKind.Throttled)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(fault.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return WebApiResponses.WriteErrorAsync(
                context,
                new WebApiError(HttpStatusCode.TooManyRequests, WebApiError.RequestLimitCode, "Number of requests exceeded the limit of 6000 over time window of 300 seconds."),
                preferences);
        }

        return WebApiResponses.WriteErrorAsync(
            context,
            new WebApiError(HttpStatusCode.ServiceUnavailable, WebApiError.UnexpectedCode, "An unexpected error occurred."),
            preferences);
    }
}
