using CrmRecording.Service.Crm;

namespace CrmRecording.Service.Calls;

/// <summary>Who the caller of the dialer API is in the CRM, or why that can't be said.</summary>
internal abstract record CallerLookup
{
    private CallerLookup()
    {
    }

    public sealed record Found(CrmUser User) : CallerLookup;

    /// <summary>The token names no user of a configured CRM.</summary>
    public sealed record NoCrmUser(string Detail) : CallerLookup;

    /// <summary>The CRM could not be asked just now.</summary>
    public sealed record CrmUnavailable(string Detail) : CallerLookup;
}
