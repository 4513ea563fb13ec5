using System.Text.Json;
using CrmRecording.Salesforce.Notifications;
using CrmRecording.Service.Crm.Salesforce;
using CrmRecording.Vault.Outbox;

namespace CrmRecording.Service.Webhooks;

/// <summary>
/// <c>POST /webhooks/salesforce/{secret}</c>: the org's Outbound Messages (SOAP) about Contact and Lead changes.
/// Authenticated by the secret in the path and the org id in the envelope (the messages are not signed); each
/// notification becomes an enrichment job, all of a message's in one transaction, and only then is the message
/// acknowledged. A repeated notification id is a no-op; one about a change older than what was already enriched
/// is acknowledged and dropped. Every answer is SOAP: an ack, or a fault Salesforce retries for 24 hours.
/// </summary>
internal static partial class SalesforceWebhookEndpoint
{
    public const string Route = "/webhooks/salesforce/{secret}";

    public static IEndpointRouteBuilder MapSalesforceWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, HandleAsync)
            .WithTags("salesforce")
            .WithSummary("Salesforce Outbound Message (SOAP notifications about Contact and Lead changes).")
            .WithDescription("The org's record-triggered flow sends changed Contacts and Leads here; the path's last segment is Salesforce:NotificationSecret and the envelope's OrganizationId must be Salesforce:OrganizationId. Answers notificationsResponse with Ack true once the enrichment jobs are stored; otherwise a SOAP fault.")
            .Accepts<string>("text/xml")
            .Produces<string>(StatusCodes.Status200OK, "text/xml")
            .Produces<string>(StatusCodes.Status400BadRequest, "text/xml")
            .Produces<string>(StatusCodes.Status403Forbidden, "text/xml")
            .Produces<string>(StatusCodes.Status404NotFound, "text/xml")
            .Produces<string>(StatusCodes.Status413PayloadTooLarge, "text/xml")
            .Produces<string>(StatusCodes.Status503ServiceUnavailable, "text/xml");
        return app;
    }

    internal static async Task<IResult> HandleAsync(
        string secret,
        HttpRequest request,
        IServiceProvider services,
        IOutbox outbox,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var log = loggers.CreateLogger("CrmRecording.Service.Webhooks.Salesforce");
        if (services.GetService<SalesforceNotificationSettings>() is not { } settings)
        {
            return Fault(StatusCodes.Status404NotFound, "This service does not serve a Salesforce org (Salesforce:Mode is off).");
        }

        if (!settings.Secret.Matches(secret))
        {
            Refused(log, "the secret in the path is wrong");
            return Fault(StatusCodes.Status403Forbidden, "Not authorised: the endpoint's secret is wrong.");
        }

        if (request.ContentLength > settings.MaxBodyBytes || await BoundedBody.ReadAsync(request.Body, settings.MaxBodyBytes, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return Fault(StatusCodes.Status413PayloadTooLarge, $"The message exceeds {settings.MaxBodyBytes} bytes (Salesforce:NotificationMaxBodyBytes).");
        }

        var read = OutboundMessageReader.Read(body);
        if (read.Message is not { } message)
        {
            return Fault(StatusCodes.Status400BadRequest, $"Not an Outbound Message: {read.Error}");
        }

        if (!settings.IsOrganization(message.OrganizationId))
        {
            Refused(log, "the envelope names another org");
            return Fault(StatusCodes.Status403Forbidden, "Not authorised: the message comes from an org this service does not serve.");
        }

        var jobs = new List<SalesforceNotificationJob>(message.Notifications.Count);
        foreach (var (notification, index) in message.Notifications.Select((n, i) => (n, i)))
        {
            if (notification.ObjectType is not ("Contact" or "Lead"))
            {
                return Fault(StatusCodes.Status400BadRequest, $"Notification {index + 1} is about a {notification.ObjectType}; only Contact and Lead changes are enriched.");
            }

            if (notification.ChangedAt is not { } changedAt)
            {
                return Fault(StatusCodes.Status400BadRequest, $"Notification {index + 1} has neither SystemModstamp nor LastModifiedDate: add them to the outbound message's fields so a newer change can win.");
            }

            jobs.Add(new SalesforceNotificationJob(notification.Id, notification.ObjectType, notification.RecordId.Value, changedAt, new Dictionary<string, string?>(notification.Fields, StringComparer.OrdinalIgnoreCase)));
        }

        var org = settings.OrganizationId[..15];
        try
        {
            var enriched = await services.GetRequiredService<IChangeMarks>().GetMarksAsync([.. jobs.Select(j => j.RecordKey)], cancellationToken).ConfigureAwait(false);
            var fresh = jobs.Where(j => !enriched.TryGetValue(j.RecordKey, out var mark) || j.ChangedAt > mark).ToList();
            var now = time.GetUtcNow();
            var inserted = await outbox.EnqueueAllAsync(
                [.. fresh.Select(j => new OutboxJob(Guid.NewGuid().ToString("N"), SalesforceNotificationJob.Kind, $"salesforce-notification:{org}:{j.NotificationId}", JsonSerializer.Serialize(j, WebhookJson.Default.SalesforceNotificationJob), now, 0, now))],
                cancellationToken).ConfigureAwait(false);
            var queued = inserted.Count(i => i);
            Acknowledged(log, jobs.Count, queued, fresh.Count - queued, jobs.Count - fresh.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not stored means not acknowledged: Salesforce keeps the message and sends it again.
            StoreFailed(log, ex.GetType().Name);
            return Fault(StatusCodes.Status503ServiceUnavailable, "The notifications could not be stored; send them again later.", server: true);
        }

        return Results.Text(OutboundMessageAnswer.Ack(), OutboundMessageAnswer.ContentType, statusCode: StatusCodes.Status200OK);
    }

    private static IResult Fault(int status, string reason, bool server = false) =>
        Results.Text(OutboundMessageAnswer.Fault(reason, server), OutboundMessageAnswer.ContentType, statusCode: status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Salesforce notification refused: {Why}")]
    private static partial void Refused(ILogger logger, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Salesforce message acknowledged: {Count} notifications, {Queued} queued, {Repeated} already received, {Older} older than the enriched change")]
    private static partial void Acknowledged(ILogger logger, int count, int queued, int repeated, int older);

    [LoggerMessage(Level = LogLevel.Error, Message = "Salesforce message not acknowledged: the outbox store failed ({Error})")]
    private static partial void StoreFailed(ILogger logger, string error);
}
