using System.CommandLine;
using CrmRecording.Vault.Recordings;

namespace CrmRecording.Cli.Vault;

/// <summary>Options and arguments the vault commands share.</summary>
internal static class VaultOptions
{
    public static Option<DirectoryInfo> Data() => new("--data")
    {
        Description = "The vault's data directory: metadata database, key file and (for the local store) the encrypted recordings.",
        HelpName = "DIR",
        DefaultValueFactory = _ => new DirectoryInfo("data"),
    };

    public static Option<string> Format() => FormatOption("text", "json");

    public static Option<string> FormatOption(params string[] formats)
    {
        var option = new Option<string>("--format") { Description = string.Join(" or ", formats) + $" (default {formats[0]}).", HelpName = string.Join('|', formats), DefaultValueFactory = _ => formats[0] };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    public static Argument<string> Id() => new("ID") { Description = "The recording id (32 hex characters)." };

    public static RecordingId ReadId(string? text) =>
        RecordingId.TryParse(text?.Trim().ToLowerInvariant(), out var id)
            ? id
            : throw new UsageException($"ID: '{text}' is not a recording id; ids are 32 hex characters, as printed by 'crmrec recordings import' and 'crmrec recordings list'.");
}
