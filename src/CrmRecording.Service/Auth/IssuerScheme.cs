namespace CrmRecording.Service.Auth;

/// <summary>One more trusted issuer for the <c>Bearer</c> policy scheme: tokens whose <c>iss</c> is <paramref name="Issuer"/> are validated by <paramref name="Scheme"/>.</summary>
internal sealed record IssuerScheme(string Issuer, string Scheme);
