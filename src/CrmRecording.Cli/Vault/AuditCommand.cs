using System.CommandLine;
using CrmRecording.Vault.Audit;

namespace CrmRecording.Cli.Vault;

/// <summary><c>crmrec audit verify|list</c>: the hash-chained audit trail.</summary>
internal static class AuditCommand
{
    public static Command Create(TimeProvider time)
    {
        var data = VaultOptions.Data();
        var verify = new Command("verify", "Recompute the audit chain; exit 1 naming the first event that was altered, removed or reordered.") { data };
        verify.SetAction(async (parse, ct) =>
        {
            await using var session = await VaultSession.OpenAsync(parse.GetValue(data)!, time, ct);
            var events = await session.Metadata.ReadAuditAsync(ct);
            if (AuditChain.Verify(events) is { } broken)
            {
                Console.Error.WriteLine($"crmrec: the audit trail is broken at event {broken.Sequence}: {broken.Reason}");
                return CrmrecApp.Failed;
            }

            Console.Out.WriteLine($"audit trail intact: {events.Count} events{(events.Count > 0 ? $", last {events[^1].Hash[..16]}…" : string.Empty)}");
            return CrmrecApp.Ok;
        });

        var listData = VaultOptions.Data();
        var list = new Command("list", "Print the audit trail, oldest first.") { listData };
        list.SetAction(async (parse, ct) =>
        {
            await using var session = await VaultSession.OpenAsync(parse.GetValue(listData)!, time, ct);
            foreach (var e in await session.Metadata.ReadAuditAsync(ct))
            {
                Console.Out.WriteLine($"{e.Sequence,6}  {e.Entry.At:yyyy-MM-dd HH:mm:ss}  {e.Entry.Action,-16} {e.Entry.Actor}  {e.Entry.RecordingId ?? "-"}  {e.Entry.Detail}");
            }

            return CrmrecApp.Ok;
        });

        return new Command("audit", "Read and verify the audit trail.") { verify, list };
    }
}
