namespace CrmRecording.Core.Phones;

/// <summary>
/// A small cache of recent readings: CRM exports repeat numbers (a company's switchboard on every contact), and
/// a number read once need not be read and analysed again. Direct-mapped and bounded: a slot holds the last
/// input that hashed to it; entries are immutable, so threads share the cache without locks.
/// </summary>
public sealed partial class PhoneNumberParser
{
    private readonly Entry?[] _cache = [];

    /// <param name="plan">libphonenumber's metadata.</param>
    /// <param name="cacheSize">Readings kept (rounded up to a power of two); 0 reads every number afresh.</param>
    public PhoneNumberParser(PhoneNumberingPlan plan, int cacheSize)
        : this(plan)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cacheSize);
        _cache = cacheSize == 0 ? [] : new Entry?[System.Numerics.BitOperations.RoundUpToPowerOf2((uint)cacheSize)];
    }

    /// <summary>The default cache size of <see cref="Default"/>.</summary>
    public const int DefaultCacheSize = 4096;

    private PhoneParseResult ParseCached(string raw, string? defaultCountry)
    {
        var cache = _cache;
        if (cache.Length == 0)
        {
            return Analyzed(ParseUncached(raw, defaultCountry));
        }

        var slot = (HashCode.Combine(raw.GetHashCode(StringComparison.Ordinal), defaultCountry?.GetHashCode(StringComparison.Ordinal) ?? 0) & 0x7FFFFFFF) & (cache.Length - 1);
        var entry = Volatile.Read(ref cache[slot]);
        if (entry is not null && string.Equals(entry.Raw, raw, StringComparison.Ordinal) && string.Equals(entry.Country, defaultCountry, StringComparison.Ordinal))
        {
            return entry.Result;
        }

        var result = Analyzed(ParseUncached(raw, defaultCountry));
        Volatile.Write(ref cache[slot], new Entry(raw, defaultCountry, result));
        return result;
    }

    /// <summary>A cached reading carries its analysis, so the decision that follows does not run the patterns again.</summary>
    private PhoneParseResult Analyzed(PhoneParseResult result)
    {
        if (!result.IsValid || _cache.Length == 0)
        {
            return result;
        }

        var n = result.Number;
        return PhoneParseResult.Ok(new E164Number(n.Digits, n.CallingCodeLength, plan, plan.Analyze(n)), result.Extension);
    }

    private sealed record Entry(string Raw, string? Country, PhoneParseResult Result);
}
