using System.Text.Json;

namespace CrmRecording.Service.Calls;

/// <summary>The customer's number sealed in the stored document (<see cref="PhoneField"/>) when the store has a key.</summary>
public sealed partial class SqlCallStore
{
    private async ValueTask<byte[]?> KeyAsync(CancellationToken cancellationToken) =>
        _phoneKey is null ? null : await _phoneKey(cancellationToken).ConfigureAwait(false);

    /// <summary>The call as stored: the customer's number sealed when there is a key, its last digits alone in clear.</summary>
    private static string Serialize(CallRecord call, byte[]? phoneKey)
    {
        var node = JsonSerializer.SerializeToNode(call, Json)!.AsObject();
        if (phoneKey is not null && !PhoneField.IsProtected(call.CustomerPhone))
        {
            node["customerPhone"] = PhoneField.Protect(phoneKey, call.Id, call.CustomerPhone);
        }

        return node.ToJsonString(Json);
    }

    private async ValueTask<CallRecord> ReadAsync(string document, CancellationToken cancellationToken)
    {
        var call = JsonSerializer.Deserialize<CallRecord>(document, Json) ?? throw new InvalidDataException("A stored call document is empty.");
        if (!PhoneField.IsProtected(call.CustomerPhone))
        {
            return call;
        }

        var key = await KeyAsync(cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException($"Call {call.Id}'s number is encrypted, and this call store was opened without its key.");
        return call with { CustomerPhone = PhoneField.Unprotect(key, call.Id, call.CustomerPhone) };
    }

    /// <summary>Seals the numbers of calls stored in clear before numbers were encrypted (once; later writes seal their own).</summary>
    private async Task ProtectStoredNumbersAsync(CancellationToken cancellationToken)
    {
        if (await KeyAsync(cancellationToken).ConfigureAwait(false) is not { } key)
        {
            return;
        }

        var clear = new List<CallRecord>();
        await using (var connection = await _open(cancellationToken).ConfigureAwait(false))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT document FROM calls WHERE document NOT LIKE '%\"customerPhone\":\"enc1:%';";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                clear.Add(await ReadAsync(reader.GetString(0), cancellationToken).ConfigureAwait(false));
            }
        }

        foreach (var call in clear)
        {
            var document = Serialize(call, key);
            await WriteAsync("UPDATE calls SET document = @document WHERE id = @id AND version = @expected;", c => { Add(c, "@document", document); Add(c, "@id", call.Id); Add(c, "@expected", call.Version); }, cancellationToken).ConfigureAwait(false);
        }
    }
}
