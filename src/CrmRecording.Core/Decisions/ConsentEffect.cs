namespace CrmRecording.Core.Decisions;

/// <summary>How the contact's own state changed the outcome the law and policy gave.</summary>
public enum ConsentEffect
{
    /// <summary>No consent on file, or none needed.</summary>
    None,

    /// <summary>The contact is flagged do-not-record.</summary>
    DoNotRecordFlag,

    /// <summary>The customer declined recording.</summary>
    Declined,

    /// <summary>The customer withdrew an earlier consent.</summary>
    Revoked,

    /// <summary>A granted consent within its validity satisfied an explicit-consent requirement.</summary>
    GrantedSatisfiesConsent,

    /// <summary>A consent is on file but the law and policy did not ask for one.</summary>
    GrantedNotNeeded,

    /// <summary>The granted consent is older than the policy's validity.</summary>
    GrantedExpired,

    /// <summary>The granted consent has no date, so its validity cannot be shown.</summary>
    GrantedUndated,

    /// <summary>The granted consent is dated after the day of the call.</summary>
    GrantedInFuture,
}
