namespace CrmRecording.Cli;

/// <summary>Invalid input from the user: printed with the option named, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
