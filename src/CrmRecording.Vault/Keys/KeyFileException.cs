namespace CrmRecording.Vault.Keys;

/// <summary>The local key file cannot be used safely: readable by others, or not a key file. The message says how to fix it.</summary>
public sealed class KeyFileException(string message) : Exception(message);
