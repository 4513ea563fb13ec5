namespace CrmRecording.Core.Jurisdictions;

/// <summary>The wire names of <see cref="ConsentRule"/> used in data files, policy files and JSON output.</summary>
public static class ConsentRuleNames
{
    public static string ToWireName(this ConsentRule rule) => rule switch
    {
        ConsentRule.OneParty => "one-party",
        ConsentRule.NoticeRequired => "notice-required",
        ConsentRule.AllPartyCivilOnly => "all-party-civil-only",
        ConsentRule.AllParty => "all-party",
        ConsentRule.Ambiguous => "ambiguous",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };

    public static bool TryParse(string? text, out ConsentRule rule)
    {
        rule = ConsentRule.Ambiguous;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "one-party": rule = ConsentRule.OneParty; return true;
            case "notice-required": rule = ConsentRule.NoticeRequired; return true;
            case "all-party-civil-only": rule = ConsentRule.AllPartyCivilOnly; return true;
            case "all-party": rule = ConsentRule.AllParty; return true;
            case "ambiguous": rule = ConsentRule.Ambiguous; return true;
            default: return false;
        }
    }

    public const string Allowed = "one-party, notice-required, all-party-civil-only, all-party, ambiguous";
}
