namespace CrmRecording.Core.Phones.Numbering;

/// <summary>
/// The regular expressions of libphonenumber's metadata, read into a tree over the ten digits: digits,
/// classes (<c>[2-9]</c>), groups (<c>(?:...)</c>, <c>(...)</c>), alternation, <c>?</c> and bounded
/// repetition (<c>{n}</c>, <c>{n,m}</c>). Anything else is refused, so a new construct in a future metadata
/// release fails loudly at load rather than being read wrongly.
/// </summary>
internal abstract record DigitPattern
{
    /// <summary>A set of digits as a 10-bit mask (bit d = digit d). An end anchor <c>$</c> reads as <see cref="EndAnchor"/>.</summary>
    public sealed record Digits(int Mask) : DigitPattern;

    public sealed record Sequence(IReadOnlyList<DigitPattern> Items) : DigitPattern;

    public sealed record Choice(IReadOnlyList<DigitPattern> Options) : DigitPattern;

    public sealed record Repeat(DigitPattern Item, int Min, int Max) : DigitPattern;

    /// <summary><c>$</c>: the end of the input (only in prefixes for parsing, never in number patterns).</summary>
    public sealed record EndAnchor : DigitPattern;

    public static DigitPattern Parse(string pattern)
    {
        var reader = new Reader(pattern);
        var tree = reader.ReadChoice();
        return reader.AtEnd ? tree : throw reader.Error("an unmatched ')'");
    }

    /// <summary>True when the pattern can match without reading a digit.</summary>
    public bool CanBeEmpty => this switch
    {
        Digits => false,
        Sequence s => s.Items.All(i => i.CanBeEmpty),
        Choice c => c.Options.Any(o => o.CanBeEmpty),
        Repeat r => r.Min == 0 || r.Item.CanBeEmpty,
        _ => true,
    };

    /// <summary>The digits a match can start with, as a mask.</summary>
    public int FirstDigits => this switch
    {
        Digits d => d.Mask,
        Sequence s => SequenceFirst(s.Items),
        Choice c => c.Options.Aggregate(0, (m, o) => m | o.FirstDigits),
        Repeat r => r.Item.FirstDigits,
        _ => 0,
    };

    private static int SequenceFirst(IReadOnlyList<DigitPattern> items)
    {
        var mask = 0;
        foreach (var item in items)
        {
            mask |= item.FirstDigits;
            if (!item.CanBeEmpty)
            {
                break;
            }
        }

        return mask;
    }

    private sealed class Reader(string text)
    {
        private int _pos;

        public bool AtEnd => _pos == text.Length;

        public DigitPattern ReadChoice()
        {
            var options = new List<DigitPattern> { ReadSequence() };
            while (_pos < text.Length && text[_pos] == '|')
            {
                _pos++;
                options.Add(ReadSequence());
            }

            return options.Count == 1 ? options[0] : new Choice(options);
        }

        public FormatException Error(string what) =>
            new($"phone metadata pattern '{text}': {what} at position {_pos} is not supported.");

        private DigitPattern ReadSequence()
        {
            var items = new List<DigitPattern>();
            while (_pos < text.Length && text[_pos] is not ('|' or ')'))
            {
                items.Add(ReadQuantified(ReadAtom()));
            }

            return items.Count == 1 ? items[0] : new Sequence(items);
        }

        private DigitPattern ReadAtom()
        {
            var c = text[_pos++];
            switch (c)
            {
                case >= '0' and <= '9':
                    return new Digits(1 << (c - '0'));
                case '[':
                    return ReadClass();
                case '$':
                    return new EndAnchor();
                case '\\' when _pos < text.Length && text[_pos] == 'd':
                    _pos++;
                    return new Digits(0x3FF);
                case '(':
                    if (_pos + 1 < text.Length && text[_pos] == '?' && text[_pos + 1] == ':')
                    {
                        _pos += 2;
                    }

                    var inner = ReadChoice();
                    if (_pos >= text.Length || text[_pos] != ')')
                    {
                        throw Error("an unclosed '('");
                    }

                    _pos++;
                    return inner;
                default:
                    _pos--;
                    throw Error($"'{c}'");
            }
        }

        private Digits ReadClass()
        {
            var negate = _pos < text.Length && text[_pos] == '^';
            _pos += negate ? 1 : 0;
            var mask = 0;
            while (_pos < text.Length && text[_pos] != ']')
            {
                if (text[_pos] == '\\' && _pos + 1 < text.Length && text[_pos + 1] == 'd')
                {
                    mask |= 0x3FF;
                    _pos += 2;
                    continue;
                }

                var from = DigitAt(_pos++);
                var to = from;
                if (_pos + 1 < text.Length && text[_pos] == '-' && text[_pos + 1] != ']')
                {
                    to = DigitAt(_pos + 1);
                    _pos += 2;
                }

                for (var d = from; d <= to; d++)
                {
                    mask |= 1 << d;
                }
            }

            if (_pos >= text.Length)
            {
                throw Error("an unclosed '['");
            }

            _pos++;
            return new Digits(negate ? ~mask & 0x3FF : mask);
        }

        private int DigitAt(int at) =>
            text[at] is >= '0' and <= '9' ? text[at] - '0' : throw Error($"'{text[at]}' in a class");

        private DigitPattern ReadQuantified(DigitPattern atom)
        {
            if (_pos >= text.Length)
            {
                return atom;
            }

            if (text[_pos] == '?')
            {
                _pos++;
                return new Repeat(atom, 0, 1);
            }

            if (text[_pos] != '{')
            {
                return text[_pos] is '*' or '+' ? throw Error($"unbounded '{text[_pos]}'") : atom;
            }

            var close = text.IndexOf('}', _pos);
            if (close < 0)
            {
                throw Error("an unclosed '{'");
            }

            var body = text.AsSpan(_pos + 1, close - _pos - 1);
            var comma = body.IndexOf(',');
            var min = ReadCount(comma < 0 ? body : body[..comma]);
            var max = comma < 0 ? min : ReadCount(body[(comma + 1)..]);
            if (max < min || max > 32)
            {
                throw Error($"repetition {{{body}}}");
            }

            _pos = close + 1;
            return new Repeat(atom, min, max);
        }

        private int ReadCount(ReadOnlySpan<char> digits) =>
            int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
                ? n
                : throw Error($"count '{digits}'");
    }
}
