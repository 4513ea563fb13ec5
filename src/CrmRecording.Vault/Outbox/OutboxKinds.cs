namespace CrmRecording.Vault.Outbox;

/// <summary>Which kinds of job a claim takes: some kinds only (a lane of its own), or every kind but some.</summary>
/// <param name="Names">The kinds named.</param>
/// <param name="Except">True: every kind except <paramref name="Names"/>; false: only <paramref name="Names"/>.</param>
public sealed record OutboxKinds(IReadOnlyList<string> Names, bool Except)
{
    /// <summary>Every kind.</summary>
    public static OutboxKinds Any { get; } = new([], Except: true);

    public static OutboxKinds Only(params string[] kinds) => new(kinds, Except: false);

    public static OutboxKinds AllBut(IEnumerable<string> kinds) => new([.. kinds], Except: true);

    /// <summary>The SQL condition on <c>kind</c>, with one parameter per name (<paramref name="prefix"/>k0, k1, ...); empty when any kind.</summary>
    internal string Condition(char prefix)
    {
        if (Names.Count == 0)
        {
            return Except ? string.Empty : "AND 1 = 0";
        }

        var list = string.Join(", ", Names.Select((_, i) => $"{prefix}k{i}"));
        return Except ? $"AND kind NOT IN ({list})" : $"AND kind IN ({list})";
    }
}
