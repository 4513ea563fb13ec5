namespace CrmRecording.Cli.Dataverse;

/// <summary>The options of <c>crmrec dataverse register</c> as typed.</summary>
internal sealed record RegisterInput(string Url, string? Key, string? Environment, string? Config, bool DryRun, string WorkingDirectory, int ChannelOrder = 0);
