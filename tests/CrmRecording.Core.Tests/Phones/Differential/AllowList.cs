namespace CrmRecording.Core.Tests.Phones.Differential;

/// <summary>
/// Inputs where our reading is less strict than libphonenumber's and ours is demonstrably right. Each entry
/// says why, with the numbering plan that shows it. Keep it short: every other less strict reading fails.
/// </summary>
internal static class AllowList
{
    private static readonly (string Why, Func<Disagreement, bool> Applies)[] Entries =
    [
    ];

    public static string? Reason(Disagreement d) => Entries.FirstOrDefault(e => e.Applies(d)).Why;
}
