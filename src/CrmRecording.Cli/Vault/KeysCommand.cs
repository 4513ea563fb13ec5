using System.CommandLine;
using CrmRecording.Vault.Keys;

namespace CrmRecording.Cli.Vault;

/// <summary><c>crmrec keys list|rotate</c>: the local key ring of key-encryption keys.</summary>
internal static class KeysCommand
{
    public static Command Create(TimeProvider time)
    {
        var data = VaultOptions.Data();
        var list = new Command("list", "List the key-encryption keys and which one is current.") { data };
        list.SetAction(async (parse, ct) =>
        {
            await using var session = await VaultSession.OpenAsync(parse.GetValue(data)!, time, ct);
            var ring = Ring(session);
            foreach (var (id, state, created) in ring.Keys)
            {
                Console.Out.WriteLine($"{id}  {state.ToString().ToLowerInvariant(),-7}  created {created:yyyy-MM-dd}{(id == ring.CurrentKeyId ? "  (current)" : string.Empty)}");
            }

            return CrmrecApp.Ok;
        });

        var rotateData = VaultOptions.Data();
        var rotate = new Command("rotate", "Add a new key, re-wrap every data key under it (audio is not re-encrypted), then retire the old keys. Safe to re-run after a crash.") { rotateData };
        rotate.SetAction(async (parse, ct) =>
        {
            await using var session = await VaultSession.OpenAsync(parse.GetValue(rotateData)!, time, ct);
            var ring = Ring(session);
            var old = ring.Keys.Where(k => k.State == KeyState.Active).Select(k => k.Id).ToList();
            var added = ring.AddKey(time.GetUtcNow());
            Console.Out.WriteLine($"added key {added}");
            var count = await session.Vault.RewrapAllAsync(VaultSession.Actor, ct);
            Console.Out.WriteLine($"re-wrapped {count} data keys");
            foreach (var id in old)
            {
                ring.Retire(id);
                Console.Out.WriteLine($"retired key {id}");
            }

            await session.Metadata.AppendAuditAsync(new CrmRecording.Vault.Audit.AuditEntry(time.GetUtcNow(), "key-rotated", VaultSession.Actor, null, $"new={added} retired={string.Join(',', old)} rewrapped={count}"), ct);
            return CrmrecApp.Ok;
        });

        return new Command("keys", "Manage the key-encryption keys that wrap each recording's data key.") { list, rotate };
    }

    private static LocalKeyRing Ring(VaultSession session) =>
        session.Keys as LocalKeyRing ?? throw new UsageException("keys: this vault's keys live in a key service; rotate them there, then run 'crmrec keys rewrap'.");
}
