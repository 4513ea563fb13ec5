using System.ComponentModel.DataAnnotations;

namespace CrmRecording.Service.Auth;

/// <summary>
/// The <c>Auth</c> section: which token issuers callers of the playback API may present bearer tokens from.
/// In sandbox mode a local issuer is added at start (see <see cref="SandboxTokenIssuer"/>); in remote mode at
/// least one issuer must be configured.
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    /// <summary>The issuers trusted; a token is checked against the one whose <c>Issuer</c> equals its <c>iss</c>.</summary>
    public List<TokenIssuerOptions> Issuers { get; set; } = [];

    /// <summary>Tolerated difference between our clock and the issuer's for <c>nbf</c> and <c>exp</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Checked here rather than by attribute, so that one start reports every error of the section at once.
        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult($"Auth:ClockSkew must be between 0 and 5 minutes (is {ClockSkew}).", [nameof(ClockSkew)]);
        }

        for (var i = 0; i < Issuers.Count; i++)
        {
            foreach (var error in Issuers[i].Validate($"{Section}:Issuers:{i}"))
            {
                yield return error;
            }
        }

        foreach (var duplicate in Issuers.GroupBy(i => i.Issuer, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return new ValidationResult($"Auth:Issuers lists the issuer '{duplicate.Key}' more than once; a token's iss must select exactly one entry.", [nameof(Issuers)]);
        }

        if (Issuers.Any(i => i.Issuer == SignIn.PageTokenIssuer.Issuer))
        {
            yield return new ValidationResult($"Auth:Issuers must not list '{SignIn.PageTokenIssuer.Issuer}': that issuer is the service's own page sign-in.", [nameof(Issuers)]);
        }

        if (Issuers.Any(i => i.Issuer == SandboxTokenIssuer.Issuer))
        {
            yield return new ValidationResult($"Auth:Issuers must not list '{SandboxTokenIssuer.Issuer}': that issuer is the sandbox's own.", [nameof(Issuers)]);
        }
    }
}
