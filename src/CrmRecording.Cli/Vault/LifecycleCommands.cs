using System.CommandLine;
using System.Text.Json;
using CrmRecording.Core.Contacts;
using CrmRecording.Vault.Recordings;

namespace CrmRecording.Cli.Vault;

/// <summary><c>crmrec retention sweep</c>, <c>crmrec hold add|remove</c>, <c>crmrec erase</c>.</summary>
internal static class LifecycleCommands
{
    public static Command Retention(TimeProvider time)
    {
        var asOf = new Option<string>("--as-of") { Description = "Delete what expired by this day (default: now).", HelpName = "YYYY-MM-DD" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be deleted; change nothing." };
        var data = VaultOptions.Data();
        var format = VaultOptions.Format();
        var sweep = new Command("sweep", "Delete every recording whose retention has ended and that is not on legal hold (key destroyed, blob deleted, audited).") { asOf, dryRun, data, format };
        sweep.SetAction(async (parse, ct) =>
        {
            var at = parse.GetValue(asOf) is { } text
                ? ContactReader.TryDate(text, out var day) ? new DateTimeOffset(day.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero) : throw new UsageException($"--as-of: '{text}' is not a date; write it as YYYY-MM-DD.")
                : time.GetUtcNow();
            await using var session = await VaultSession.OpenAsync(parse.GetValue(data)!, time, ct);
            var report = await session.Vault.SweepAsync(at, parse.GetValue(dryRun), VaultSession.Actor, ct);
            Print(report, parse.GetValue(dryRun) ? "would delete" : "deleted", parse.GetValue(format) == "json");
            return CrmrecApp.Ok;
        });
        return new Command("retention", "Apply retention: delete recordings whose retention class has run out.") { sweep };
    }

    public static Command Hold(TimeProvider time)
    {
        var id = VaultOptions.Id();
        var reason = new Option<string>("--reason") { Description = "The matter or request the hold serves.", HelpName = "TEXT", Required = true };
        var data = VaultOptions.Data();
        var add = new Command("add", "Place a legal hold: the recording cannot be deleted by any path until it is released.") { id, reason, data };
        add.SetAction(async (parse, ct) =>
        {
            var recording = VaultOptions.ReadId(parse.GetValue(id));
            await using var session = await VaultSession.OpenAsync(parse.GetValue(data)!, time, ct);
            await RecordingsCommand.Find(session, recording, ct);
            await session.Vault.PlaceHoldAsync(recording, parse.GetValue(reason)!, VaultSession.Actor, ct);
            Console.Out.WriteLine($"hold placed on {recording}");
            return CrmrecApp.Ok;
        });

        var removeId = VaultOptions.Id();
        var removeData = VaultOptions.Data();
        var remove = new Command("remove", "Release a legal hold.") { removeId, removeData };
        remove.SetAction(async (parse, ct) =>
        {
            var recording = VaultOptions.ReadId(parse.GetValue(removeId));
            await using var session = await VaultSession.OpenAsync(parse.GetValue(removeData)!, time, ct);
            if (!(await RecordingsCommand.Find(session, recording, ct)).OnHold)
            {
                throw new UsageException($"ID: recording {recording} is not on hold.");
            }

            await session.Vault.ReleaseHoldAsync(recording, VaultSession.Actor, ct);
            Console.Out.WriteLine($"hold released on {recording}");
            return CrmrecApp.Ok;
        });
        return new Command("hold", "Place or release legal holds.") { add, remove };
    }

    public static Command Erase(TimeProvider time)
    {
        var contact = new Option<string>("--contact") { Description = "The CRM contact or lead whose recordings are to be erased.", HelpName = "CRM_ID", Required = true };
        var data = VaultOptions.Data();
        var format = VaultOptions.Format();
        var command = new Command("erase", "Answer an erasure request: delete every recording of a contact that is not on hold, and report what was kept and why.") { contact, data, format };
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await VaultSession.OpenAsync(parse.GetValue(data)!, time, ct);
            var report = await session.Vault.EraseContactAsync(parse.GetValue(contact)!, VaultSession.Actor, ct);
            Print(report, "deleted", parse.GetValue(format) == "json");
            return CrmrecApp.Ok;
        });
        return command;
    }

    private static void Print(LifecycleReport report, string verb, bool json)
    {
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                deleted = report.Deleted.Select(r => r.Id.Value),
                kept = report.Kept.Select(k => new { id = k.Recording.Id.Value, reason = k.Reason }),
            }));
            return;
        }

        foreach (var r in report.Deleted)
        {
            Console.Out.WriteLine($"{verb,-12} {r.Id}  contact {r.ContactId ?? "-"}  retention {r.RetentionClass}");
        }

        foreach (var (r, reason) in report.Kept)
        {
            Console.Out.WriteLine($"{"kept",-12} {r.Id}  {reason}");
        }

        Console.Out.WriteLine($"{report.Deleted.Count} {verb}, {report.Kept.Count} kept.");
    }
}
