using System.Text.Json;

namespace CrmRecording.Emulators.Dataverse.Webhooks;

/// <summary>The user-facing reason in a failed webhook's answer: ProblemDetails, a Dataverse-style error, or plain text.</summary>
internal static class FailureReason
{
    private const int MaxLength = 2_000;

    public static string? Read(string body)
    {
        var text = body.Trim();
        if (text.Length == 0 || text.StartsWith('<'))
        {
            return null;
        }

        if (text.StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                return FromJson(document.RootElement);
            }
            catch (JsonException)
            {
                return Limit(text);
            }
        }

        return Limit(text);
    }

    private static string? FromJson(JsonElement root)
    {
        foreach (var name in new[] { "detail", "message", "reason", "title" })
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } found)
            {
                return Limit(found);
            }
        }

        return root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object ? FromJson(error) : null;
    }

    private static string Limit(string text) => text.Length <= MaxLength ? text : text[..MaxLength];
}
