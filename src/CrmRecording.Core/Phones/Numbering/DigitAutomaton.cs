namespace CrmRecording.Core.Phones.Numbering;

/// <summary>
/// Several <see cref="DigitPattern"/>s compiled into one deterministic automaton over the digits 0-9, so one
/// pass over a national number tells which of them match it whole and which match a prefix of it. A region's
/// number types and its leading digits are one automaton: reading a number costs one table step per digit,
/// whatever the size of the patterns.
/// </summary>
internal sealed class DigitAutomaton
{
    private const int Dead = -1;
    private const int MaxStates = 200_000;

    private readonly int[] _next;
    private readonly int[] _accepts;

    private DigitAutomaton(int[] next, int[] accepts)
    {
        _next = next;
        _accepts = accepts;
    }

    public int StateCount => _accepts.Length;

    /// <summary>The tags of the patterns that match the whole input when the run ends in <paramref name="state"/>.</summary>
    public int AcceptsOf(int state) => _accepts[state];

    /// <param name="patterns">Each pattern with the bit it sets when it matches; bits may be shared.</param>
    public static DigitAutomaton Build(IReadOnlyList<(DigitPattern Pattern, int Tag)> patterns)
    {
        var nfa = new Nfa();
        var starts = new List<int>();
        foreach (var (pattern, tag) in patterns)
        {
            var (start, end) = nfa.Add(pattern);
            nfa.Tag[end] |= tag;
            starts.Add(start);
        }

        return Determinize(nfa, starts);
    }

    /// <summary>Reads <paramref name="digits"/> (ASCII digits only).</summary>
    /// <param name="prefixTags">The tags of the patterns that match some prefix of the input, the empty and the whole one included.</param>
    /// <returns>The tags of the patterns that match the whole input.</returns>
    public int Run(ReadOnlySpan<char> digits, out int prefixTags)
    {
        var state = Walk(digits, out prefixTags);
        return state == Dead ? 0 : _accepts[state];
    }

    /// <summary>The state the input ends in, or -1 when no pattern can match it whole.</summary>
    /// <param name="prefixTags">The tags of the patterns that match some prefix of the input.</param>
    public int Walk(ReadOnlySpan<char> digits, out int prefixTags)
    {
        var next = _next;
        var accepts = _accepts;
        var state = 0;
        var seen = accepts[0];
        foreach (var c in digits)
        {
            state = next[(state * 10) + (c - '0')];
            if (state == Dead)
            {
                break;
            }

            seen |= accepts[state];
        }

        prefixTags = seen;
        return state;
    }

    private static DigitAutomaton Determinize(Nfa nfa, List<int> starts)
    {
        var ids = new Dictionary<int[], int>(SetComparer.Instance);
        var sets = new List<int[]>();
        var next = new List<int>();
        var accepts = new List<int>();
        var closure = new Closure(nfa);
        int Intern(int[] set)
        {
            if (set.Length == 0)
            {
                return Dead;
            }

            if (ids.TryGetValue(set, out var id))
            {
                return id;
            }

            id = sets.Count;
            if (id >= MaxStates)
            {
                throw new InvalidOperationException($"phone metadata patterns need more than {MaxStates} automaton states.");
            }

            ids.Add(set, id);
            sets.Add(set);
            var tags = 0;
            foreach (var s in set)
            {
                tags |= nfa.Tag[s];
            }

            accepts.Add(tags);
            return id;
        }

        Intern(closure.Of(starts));
        var targets = new List<int>();
        for (var i = 0; i < sets.Count; i++)
        {
            for (var d = 0; d < 10; d++)
            {
                targets.Clear();
                foreach (var s in sets[i])
                {
                    if ((nfa.Mask[s] & (1 << d)) != 0)
                    {
                        targets.Add(nfa.Next[s]);
                    }
                }

                next.Add(Intern(closure.Of(targets)));
            }
        }

        return new DigitAutomaton([.. next], [.. accepts]);
    }

    /// <summary>A Thompson automaton: each state reads one digit class into one state, or moves on without reading.</summary>
    private sealed class Nfa
    {
        public List<int> Mask { get; } = [];

        public List<int> Next { get; } = [];

        public List<List<int>?> Empty { get; } = [];

        public List<int> Tag { get; } = [];

        public (int Start, int End) Add(DigitPattern pattern)
        {
            switch (pattern)
            {
                case DigitPattern.Digits d:
                {
                    var s = New();
                    var e = New();
                    Mask[s] = d.Mask;
                    Next[s] = e;
                    return (s, e);
                }

                case DigitPattern.Sequence seq:
                {
                    var s = New();
                    var at = s;
                    foreach (var item in seq.Items)
                    {
                        var (a, b) = Add(item);
                        Link(at, a);
                        at = b;
                    }

                    return (s, at);
                }

                case DigitPattern.Choice choice:
                {
                    var s = New();
                    var e = New();
                    foreach (var option in choice.Options)
                    {
                        var (a, b) = Add(option);
                        Link(s, a);
                        Link(b, e);
                    }

                    return (s, e);
                }

                case DigitPattern.Repeat r:
                {
                    var s = New();
                    var at = s;
                    for (var i = 0; i < r.Min; i++)
                    {
                        var (a, b) = Add(r.Item);
                        Link(at, a);
                        at = b;
                    }

                    var e = New();
                    for (var i = r.Min; i < r.Max; i++)
                    {
                        var (a, b) = Add(r.Item);
                        Link(at, a);
                        Link(at, e);
                        at = b;
                    }

                    Link(at, e);
                    return (s, e);
                }

                default:
                    throw new FormatException("'$' may appear only in a national prefix for parsing, not in a number pattern.");
            }
        }

        private int New()
        {
            Mask.Add(0);
            Next.Add(Dead);
            Empty.Add(null);
            Tag.Add(0);
            return Mask.Count - 1;
        }

        private void Link(int from, int to) => (Empty[from] ??= []).Add(to);
    }

    /// <summary>The states reachable without reading a digit, as a sorted set.</summary>
    private sealed class Closure(Nfa nfa)
    {
        private readonly Stack<int> _stack = new();
        private readonly List<int> _found = [];
        private int[] _stamp = [];
        private int _round;

        public int[] Of(List<int> from)
        {
            if (_stamp.Length < nfa.Mask.Count)
            {
                _stamp = new int[nfa.Mask.Count];
            }

            _round++;
            _found.Clear();
            foreach (var s in from)
            {
                Visit(s);
            }

            while (_stack.Count > 0)
            {
                var s = _stack.Pop();
                if (nfa.Mask[s] != 0 || nfa.Tag[s] != 0)
                {
                    _found.Add(s);
                }

                if (nfa.Empty[s] is { } empty)
                {
                    foreach (var t in empty)
                    {
                        Visit(t);
                    }
                }
            }

            _found.Sort();
            return [.. _found];
        }

        private void Visit(int s)
        {
            if (_stamp[s] != _round)
            {
                _stamp[s] = _round;
                _stack.Push(s);
            }
        }
    }

    private sealed class SetComparer : IEqualityComparer<int[]>
    {
        public static readonly SetComparer Instance = new();

        public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(int[] set)
        {
            var hash = new HashCode();
            hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(set.AsSpan()));
            return hash.ToHashCode();
        }
    }
}
