using System.CommandLine;
using System.Text.Json;
using CrmRecording.Cli.Vault;
using CrmRecording.Vault.Outbox;

namespace CrmRecording.Cli.Outbox;

/// <summary>
/// <c>crmrec outbox list [--dead]</c> and <c>crmrec outbox retry ID</c>: background jobs the service gave up on
/// (their kind's attempts spent, or a kind no worker handles), with why, and bringing one back. Payloads are never
/// printed: they may hold customers' phone numbers.
/// </summary>
internal static class OutboxCommand
{
    public static Command Create(TimeProvider time)
    {
        var listData = VaultOptions.Data();
        var dead = new Option<bool>("--dead") { Description = "List the dead-lettered jobs (the default prints only how many jobs are pending and dead)." };
        var format = VaultOptions.Format();
        var list = new Command("list", "How many outbox jobs are pending and dead; with --dead, each dead job with its kind, attempts and last error.") { listData, dead, format };
        list.SetAction(async (parse, ct) =>
        {
            await using var metadata = VaultSession.OpenMetadata(parse.GetValue(listData)!);
            await metadata.MigrateAsync(ct);
            var outbox = (IOutbox)metadata;
            var json = parse.GetValue(format) == "json";
            if (!parse.GetValue(dead))
            {
                var (pending, deadCount) = (await outbox.PendingAsync(ct), await outbox.DeadCountAsync(ct));
                Console.Out.WriteLine(json ? JsonSerializer.Serialize(new { pending, dead = deadCount }) : $"{pending} pending, {deadCount} dead{(deadCount > 0 ? " (crmrec outbox list --dead)" : string.Empty)}");
                return CrmrecApp.Ok;
            }

            var jobs = await outbox.ListDeadAsync(1000, ct);
            if (json)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(jobs.Select(j => new { id = j.Id, kind = j.Kind, attempts = j.Attempts, createdAt = j.CreatedAt, deadAt = j.DeadAt, lastError = j.LastError })));
                return CrmrecApp.Ok;
            }

            foreach (var job in jobs)
            {
                Console.Out.WriteLine($"{job.Id}  {job.Kind,-22} attempts {job.Attempts,-3} dead {job.DeadAt:yyyy-MM-dd HH:mm:ss}  {job.LastError}");
            }

            Console.Out.WriteLine(jobs.Count == 0 ? "no dead jobs" : $"{jobs.Count} dead; 'crmrec outbox retry ID' makes one due again once its cause is fixed");
            return CrmrecApp.Ok;
        });

        var retryData = VaultOptions.Data();
        var id = new Argument<string>("ID") { Description = "The dead job's id, as 'crmrec outbox list --dead' prints it." };
        var retry = new Command("retry", "Make a dead job due again now, with its attempts reset; a running service picks it up.") { id, retryData };
        retry.SetAction(async (parse, ct) =>
        {
            await using var metadata = VaultSession.OpenMetadata(parse.GetValue(retryData)!);
            await metadata.MigrateAsync(ct);
            var jobId = parse.GetValue(id)!.Trim();
            if (!await ((IOutbox)metadata).RetryAsync(jobId, time.GetUtcNow(), ct))
            {
                Console.Error.WriteLine($"crmrec: no dead outbox job {jobId}; 'crmrec outbox list --dead' lists them.");
                return CrmrecApp.Failed;
            }

            Console.Out.WriteLine($"outbox job {jobId} is due again");
            return CrmrecApp.Ok;
        });

        return new Command("outbox", "The service's background jobs: what is pending, what was given up on, and retrying it.") { list, retry };
    }
}
