using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CrmRecording.Vault.Format;
using CrmRecording.Vault.Keys;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Recordings;

namespace CrmRecording.Cli.Vault;

/// <summary><c>crmrec recordings import|export|verify|list</c>.</summary>
internal static class RecordingsCommand
{
    public static Command Create(TimeProvider time) => new("recordings", "Import, export, verify and list encrypted recordings.")
    {
        Import(time), Export(time), Verify(time), List(time),
    };

    private static Command Import(TimeProvider time)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The audio file to encrypt into the vault (read as a stream; never copied in the clear)." };
        var contact = new Option<string>("--contact") { Description = "The CRM contact or lead id.", HelpName = "ID" };
        var call = new Option<string>("--call") { Description = "The telephony call id.", HelpName = "ID" };
        var retention = new Option<string>("--retention") { Description = "Retention class: sales (365 days, default), financial (7 years), declined-consent (0).", HelpName = "CLASS" };
        var data = VaultOptions.Data();
        var format = VaultOptions.Format();
        var command = new Command("import", "Encrypt an audio file into the vault and print its new id.") { file, contact, call, retention, data, format };
        command.SetAction(async (parse, ct) =>
        {
            var input = parse.GetValue(file)!;
            if (!input.Exists)
            {
                throw new UsageException($"FILE: {input.FullName} does not exist.");
            }

            await using var session = await VaultSession.OpenAsync(parse.GetValue(data)!, time, ct);
            await using var stream = new FileStream(input.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
            RecordingRecord record;
            try
            {
                record = await session.Vault.ImportAsync(stream, new ImportRequest(VaultSession.Actor, parse.GetValue(contact), parse.GetValue(call), parse.GetValue(retention)), ct);
            }
            catch (ArgumentException ex) when (ex.ParamName == "retentionClass")
            {
                throw new UsageException($"--retention: {ex.Message.Split(" (Parameter", 2)[0]}");
            }

            if (parse.GetValue(format) == "json")
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new { id = record.Id.Value, bytes = record.PlaintextBytes, sha256 = record.Sha256 }));
            }
            else
            {
                Console.Out.WriteLine(record.Id.Value);
            }

            return CrmrecApp.Ok;
        });
        return command;
    }

    private static Command Export(TimeProvider time)
    {
        var id = VaultOptions.Id();
        var output = new Option<FileInfo>("--out") { Description = "Where to write the decrypted audio (written whole or not at all).", HelpName = "FILE", Required = true };
        var range = new Option<string>("--range") { Description = "Only plaintext bytes START to END inclusive, as in an HTTP Range header.", HelpName = "START-END" };
        var data = VaultOptions.Data();
        var command = new Command("export", "Decrypt a recording, or a byte range of it, to a file.") { id, output, range, data };
        command.SetAction(async (parse, ct) =>
        {
            var recordingId = VaultOptions.ReadId(parse.GetValue(id));
            var (start, end) = ReadRange(parse.GetValue(range));
            var target = parse.GetValue(output)!;
            await using var session = await VaultSession.OpenAsync(parse.GetValue(data)!, time, ct);
            var record = await Find(session, recordingId, ct);
            if (start is not null && (end is null || end >= record.PlaintextBytes))
            {
                end ??= record.PlaintextBytes - 1;
                if (start >= record.PlaintextBytes || end >= record.PlaintextBytes)
                {
                    throw new UsageException($"--range: the recording has {record.PlaintextBytes} bytes (0-{record.PlaintextBytes - 1}).");
                }
            }

            var partial = target.FullName + ".partial";
            try
            {
                await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
                {
                    await session.Vault.ExportAsync(recordingId, start, end, stream, VaultSession.Actor, cancellationToken: ct);
                }

                File.Move(partial, target.FullName, overwrite: true);
            }
            catch (RecordingCorruptException ex)
            {
                Console.Error.WriteLine($"crmrec: recording {recordingId} is damaged: {ex.Message} Nothing was written to {target.FullName}. Restore the blob from backup, then run 'crmrec recordings verify {recordingId}'.");
                return CrmrecApp.Failed;
            }
            catch (KeyUnavailableException ex)
            {
                Console.Error.WriteLine($"crmrec: the key for recording {recordingId} is unavailable: {ex.Message}");
                return CrmrecApp.Failed;
            }
            finally
            {
                File.Delete(partial);
            }

            return CrmrecApp.Ok;
        });
        return command;
    }

    private static Command Verify(TimeProvider time)
    {
        var id = new Argument<string?>("ID") { Description = "The recording to verify.", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Verify every live recording." };
        var data = VaultOptions.Data();
        var format = VaultOptions.Format();
        var command = new Command("verify", "Decrypt and check recordings end to end; exit 1 naming each damaged one and its first bad chunk.") { id, all, data, format };
        command.SetAction(async (parse, ct) =>
        {
            var one = parse.GetValue(id);
            if ((one is null) == !parse.GetValue(all))
            {
                throw new UsageException("verify: give one recording ID, or --all.");
            }

            await using var session = await VaultSession.OpenAsync(parse.GetValue(data)!, time, ct);
            var ids = one is not null
                ? [(await Find(session, VaultOptions.ReadId(one), ct)).Id]
                : (await session.Metadata.ListRecordingsAsync(new RecordingQuery(), ct)).Select(r => r.Id).ToList();
            var results = new List<VerifyResult>();
            foreach (var recording in ids)
            {
                results.Add(await session.Vault.VerifyAsync(recording, ct));
            }

            if (parse.GetValue(format) == "json")
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(results.Select(r => new { id = r.Id.Value, ok = r.Ok, problem = r.Problem, badChunk = r.BadChunk })));
            }
            else
            {
                foreach (var r in results)
                {
                    Console.Out.WriteLine(r.Ok ? $"ok       {r.Id}" : $"DAMAGED  {r.Id}{(r.BadChunk is { } c ? $" first bad chunk {c}" : string.Empty)}: {r.Problem}");
                }

                Console.Out.WriteLine($"{results.Count(r => r.Ok)} of {results.Count} recordings verified.");
            }

            foreach (var bad in results.Where(r => !r.Ok))
            {
                Console.Error.WriteLine($"crmrec: recording {bad.Id} is damaged{(bad.BadChunk is { } c ? $" (first bad chunk {c})" : string.Empty)}: {bad.Problem}");
            }

            return results.All(r => r.Ok) ? CrmrecApp.Ok : CrmrecApp.Failed;
        });
        return command;
    }

    private static Command List(TimeProvider time)
    {
        var data = VaultOptions.Data();
        var format = VaultOptions.Format();
        var deleted = new Option<bool>("--include-deleted") { Description = "Also list deleted (crypto-shredded) recordings." };
        var contact = new Option<string>("--contact") { Description = "Only this contact's recordings.", HelpName = "ID" };
        var command = new Command("list", "List recordings with contact, call, size, retention and hold.") { contact, deleted, data, format };
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await VaultSession.OpenAsync(parse.GetValue(data)!, time, ct);
            var records = await session.Metadata.ListRecordingsAsync(new RecordingQuery(parse.GetValue(contact), IncludeDeleted: parse.GetValue(deleted)), ct);
            if (parse.GetValue(format) == "json")
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(records.Select(r => new
                {
                    id = r.Id.Value, contact = r.ContactId, call = r.CallId, bytes = r.PlaintextBytes, sha256 = r.Sha256, keyId = r.KeyId,
                    created = r.CreatedAt, retention = r.RetentionClass, deleteAfter = r.DeleteAfter, hold = r.HoldReason, deleted = r.DeletedAt,
                })));
                return CrmrecApp.Ok;
            }

            foreach (var r in records)
            {
                var state = r.IsDeleted ? $"deleted {r.DeletedAt:yyyy-MM-dd}" : r.OnHold ? $"on hold: {r.HoldReason}" : $"delete after {r.DeleteAfter:yyyy-MM-dd}";
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Id}  {r.CreatedAt:yyyy-MM-dd HH:mm}  {r.PlaintextBytes,12:N0} B  contact {r.ContactId ?? "-"}  call {r.CallId ?? "-"}  {r.RetentionClass}  {state}"));
            }

            Console.Out.WriteLine($"{records.Count} recordings.");
            return CrmrecApp.Ok;
        });
        return command;
    }

    internal static async Task<RecordingRecord> Find(VaultSession session, RecordingId id, CancellationToken ct) =>
        await session.Metadata.GetRecordingAsync(id, ct) is { IsDeleted: false } record
            ? record
            : throw new UsageException($"ID: no live recording {id} in this vault (check --data, or 'crmrec recordings list --include-deleted').");

    private static (long? Start, long? End) ReadRange(string? text)
    {
        if (text is null)
        {
            return (null, null);
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0
            || !long.TryParse(text[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !(dash == text.Length - 1 || long.TryParse(text[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            throw new UsageException($"--range: '{text}' should be START-END (inclusive byte offsets, e.g. 0-65535) or START-.");
        }

        long? end = dash == text.Length - 1 ? null : long.Parse(text[(dash + 1)..], CultureInfo.InvariantCulture);
        return end < start ? throw new UsageException($"--range: END {end} is before START {start}.") : (start, end);
    }
}
