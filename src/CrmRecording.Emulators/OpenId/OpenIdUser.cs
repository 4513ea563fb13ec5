namespace CrmRecording.Emulators.OpenId;

/// <summary>A person the sandbox OpenID provider can sign in.</summary>
/// <param name="ObjectId">Their directory object id, issued as the <c>oid</c> claim (Entra ID's name for it).</param>
/// <param name="Name">Full name: the <c>name</c> claim and the accessible name of their button on the picker.</param>
/// <param name="PreferredUsername">The <c>preferred_username</c> claim (a sign-in name such as an email address).</param>
public sealed record OpenIdUser(Guid ObjectId, string Name, string PreferredUsername);
