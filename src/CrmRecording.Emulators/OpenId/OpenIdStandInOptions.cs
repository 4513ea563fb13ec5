namespace CrmRecording.Emulators.OpenId;

/// <summary>Settings of an <see cref="OpenIdStandIn"/>; the defaults give a provider with nobody to sign in on a free loopback port.</summary>
public sealed class OpenIdStandInOptions
{
    /// <summary>The loopback port to listen on; 0 (the default) takes a free one.</summary>
    public int Port { get; set; }

    /// <summary>Who may sign in, read at each authorization request (so users added to the CRM appear at once).</summary>
    public Func<IReadOnlyList<OpenIdUser>> Users { get; set; } = () => [];

    /// <summary>Issued as the <c>tid</c> claim.</summary>
    public Guid TenantId { get; set; }

    /// <summary>How long an authorization code may be redeemed (RFC 6749 recommends at most 10 minutes).</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long the user picker stays valid.</summary>
    public TimeSpan PickerLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Lifetime of ID and access tokens.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Throws an <see cref="ArgumentException"/> naming every invalid setting.</summary>
    internal void ThrowIfInvalid()
    {
        var errors = new List<string>();
        if (Port is < 0 or > 65535)
        {
            errors.Add($"{nameof(Port)} must be 0 (any free port) or a port number (got {Port}).");
        }

        if (CodeLifetime <= TimeSpan.Zero || CodeLifetime > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{nameof(CodeLifetime)} must be positive and at most 10 minutes (got {CodeLifetime}).");
        }

        if (PickerLifetime <= TimeSpan.Zero || TokenLifetime <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(PickerLifetime)} and {nameof(TokenLifetime)} must be positive.");
        }

        if (Users is null || TimeProvider is null)
        {
            errors.Add($"{nameof(Users)} and {nameof(TimeProvider)} are required.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid OpenID stand-in options: " + string.Join(" ", errors), "options");
        }
    }
}
