namespace CrmRecording.Plugins;

/// <summary>A choice column's value.</summary>
public readonly record struct OptionValue(int Value);
