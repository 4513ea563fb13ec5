namespace CrmRecording.Cli.Solution;

/// <summary>One file of the solution zip; <see cref="Name"/> uses '/' as Dataverse requires.</summary>
internal sealed record PackageEntry(string Name, byte[] Content);
