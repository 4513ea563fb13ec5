namespace CrmRecording.Plugins;

/// <summary>A lookup column's value: which row of which table.</summary>
public sealed record RecordReference(string Table, Guid Id, string? Name = null);
