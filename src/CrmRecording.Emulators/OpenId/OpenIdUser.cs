namespace CrmRecording.Emulators.OpenId;

/// <summary>A person the sandbox OpenID provider can sign in.</summary>
/// <param name="ObjectId">Their directory object id, issued as the <c>oid</c> claim (Entra ID's name for it).</param>
/// <param name="Name">Full name: the <c>name</c> claim and the accessible name of their button on the picker.</param>
/// <param name="PreferredUsername">The <c>preferred_username</c> claim (a sign-in name such as an email address).</param>
public sealed record OpenIdUser(Guid ObjectId, string Name, string PreferredUsername)
{
    /// <summary>
    /// A fixed <c>sub</c>, as Salesforce issues it (the identity URL <c>https://login.salesforce.com/id/ORG_ID/USER_ID</c>).
    /// When set, the ID token carries this <c>sub</c> and <see cref="Claims"/> instead of a pairwise <c>sub</c>, <c>oid</c> and <c>tid</c>.
    /// </summary>
    public string? Subject { get; init; }

    /// <summary>Further claims of the ID token (Salesforce's <c>user_id</c>, <c>organization_id</c>), for users with a <see cref="Subject"/>.</summary>
    public IReadOnlyDictionary<string, string> Claims { get; init; } = new Dictionary<string, string>();

    /// <summary>What the picker's button sends: the fixed subject, else the object id.</summary>
    internal string Key => Subject ?? ObjectId.ToString("D");
}
