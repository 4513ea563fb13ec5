using System.Globalization;
using System.Security.Claims;
using System.Text;
using CrmRecording.Core.Reports;
using CrmRecording.Service.Auth;
using CrmRecording.Service.Calls;
using CrmRecording.Service.Playback;
using CrmRecording.Vault.Audit;
using CrmRecording.Vault.Metadata;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Reports;

/// <summary>
/// <c>GET /api/reports/compliance</c>: the compliance report as JSON or CSV, for Recording Reviewers and Recording
/// Administrators (Dynamics roles; Salesforce custom permissions) with a bearer token, as the player's API checks them.
/// </summary>
internal static partial class ComplianceReportEndpoints
{
    public const string CsvType = "text/csv";

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/compliance", GetAsync)
            .WithTags("reports")
            .RequireAuthorization(CallerAuthentication.Policy)
            .WithSummary("The compliance report for calls placed in [from, to): decisions, consent, lawful recordings without consent, hand starts, pauses, lost recordings, listens, retention, audit chain, rules.")
            .WithDescription("from, to: dates (yyyy-MM-dd, whole days in tz, to included) or instants (ISO 8601, to excluded); tz: IANA zone for every time in the answer (default UTC); team (Reports:Teams), rep (CRM user id), jurisdiction (code): filters; format=json (default) or csv, or Accept: text/csv. Recording Reviewers and Recording Administrators only.")
            .Produces<ComplianceReport>(StatusCodes.Status200OK, "application/json")
            .Produces<string>(StatusCodes.Status200OK, CsvType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    internal static async Task<IResult> GetAsync(
        string? from,
        string? to,
        string? tz,
        string? team,
        string? rep,
        string? jurisdiction,
        string? format,
        HttpRequest http,
        ClaimsPrincipal principal,
        CallCaller caller,
        ComplianceReports reports,
        IMetadataStore metadata,
        IOptions<ReportOptions> options,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var csv = format is null ? http.Headers.Accept.ToString().Contains(CsvType, StringComparison.OrdinalIgnoreCase) : string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (format is not null && !csv && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad format", detail: $"format '{format}' is not json or csv.");
        }

        // Who may see it comes first, so a rep learns nothing about the request's validity either.
        var lookup = await caller.ResolveAsync(principal, cancellationToken).ConfigureAwait(false);
        if (lookup is not CallerLookup.Found { User: var user })
        {
            return CallHttp.Problem(lookup);
        }

        if (!await caller.IsReviewerAsync(user, cancellationToken).ConfigureAwait(false))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not a recording reviewer", detail: "The compliance report is for Recording Reviewers and Recording Administrators.");
        }

        var (request, error) = ReportRequestReader.Read(from, to, tz, team, rep, jurisdiction, options.Value);
        if (request is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad report request", detail: error);
        }

        var report = await reports.RunAsync(request, cancellationToken).ConfigureAwait(false);
        var actor = PlaybackAudit.CrmActor(user);
        try
        {
            await metadata.AppendAuditAsync(new AuditEntry(time.GetUtcNow(), "report-viewed", actor, null, Detail(request, csv)), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Any store failure (busy, restarting, full, a broken connection) means the view is not on record, so the
            // report is not sent, as a listen's audio is not sent (AuditUnavailableException): the reviewer may try again.
            AuditFailed(loggers.CreateLogger(typeof(ComplianceReportEndpoints).FullName!), actor, ex.GetType().Name);
            return PlaybackAudit.Unavailable("The compliance report is shown only once its viewing is in the audit trail, and that write failed; try again shortly.");
        }

        http.HttpContext.Response.Headers.CacheControl = "private, no-store";
        if (!csv)
        {
            return TypedResults.Text(ReportJson.Write(report), "application/json", Encoding.UTF8);
        }

        http.HttpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"compliance-{request.From.UtcDateTime:yyyyMMdd}-{request.To.UtcDateTime:yyyyMMdd}.csv\"";
        return TypedResults.Text(ReportCsv.Write(report), CsvType + "; charset=utf-8", Encoding.UTF8);
    }

    private static string Detail(ReportRequest r, bool csv) => string.Create(
        CultureInfo.InvariantCulture,
        $"compliance from={r.From.UtcDateTime:O} to={r.To.UtcDateTime:O} tz={r.Zone.Id} team={r.Team ?? "-"} rep={r.Rep ?? "-"} jurisdiction={r.Jurisdiction ?? "-"} format={(csv ? "csv" : "json")}");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Compliance report for {Actor} not sent: its audit event could not be written ({Error}); answered 503")]
    private static partial void AuditFailed(ILogger log, string actor, string error);
}
