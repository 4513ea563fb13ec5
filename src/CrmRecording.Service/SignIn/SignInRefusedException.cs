namespace CrmRecording.Service.SignIn;

/// <summary>Why a sign-in the identity provider accepted is not accepted by the service.</summary>
internal enum SignInRefusal
{
    /// <summary>The ID token has no <c>oid</c>, so the person cannot be matched to a CRM user.</summary>
    NoObjectId,

    /// <summary>No CRM user has the token's <c>oid</c>.</summary>
    NotACrmUser,

    /// <summary>The CRM could not be asked.</summary>
    CrmUnavailable,
}

/// <summary>Ends a sign-in at the callback; the authentication handler hands it to the remote-failure event, which answers the page.</summary>
internal sealed class SignInRefusedException(SignInRefusal reason, string? name) : Exception($"Sign-in refused: {reason}.")
{
    public SignInRefusal Reason { get; } = reason;

    /// <summary>The display name the provider gave, to tell the person who they signed in as.</summary>
    public string? Name { get; } = name;
}
