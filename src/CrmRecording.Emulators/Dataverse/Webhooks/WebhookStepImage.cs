namespace CrmRecording.Emulators.Dataverse.Webhooks;

/// <summary>An entity image of a step: its alias (the key in Pre/PostEntityImages) and columns (none: all).</summary>
public sealed record WebhookStepImage(string Alias, StepImageType Type, IReadOnlyList<string>? Attributes = null);
