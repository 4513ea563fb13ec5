namespace CrmRecording.Core.Tests.Phones.Differential;

/// <summary>One generated input: what is typed, the default region it is read in, and the form it was generated in.</summary>
internal sealed record PhoneInput(string Raw, string? Region, string Form);
