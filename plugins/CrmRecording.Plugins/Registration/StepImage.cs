namespace CrmRecording.Plugins.Registration;

/// <summary>A snapshot of the row the platform passes with the event.</summary>
/// <param name="Name">The image's alias (the key in PreEntityImages / PostEntityImages).</param>
/// <param name="Post">False for a pre-image (before the operation), true for a post-image.</param>
/// <param name="Attributes">The columns it carries.</param>
public sealed record StepImage(string Name, bool Post, IReadOnlyList<string> Attributes);
