using CrmRecording.Core.Jurisdictions;
using CrmRecording.Core.Location;

namespace CrmRecording.Core.Decisions;

/// <summary>
/// The places each party may be in, completed with the two rules that widen them: a country known
/// without a subdivision counts as all its subdivisions, and a subdivision brings its national law along.
/// </summary>
/// <remarks>Entries are structs in one growing array: this runs for every decision, a million times a second.</remarks>
internal sealed class PartyPlaces
{
    [ThreadStatic]
    private static PartyPlaces? _reused;

    private Entry[] _entries = new Entry[8];

    public int Count { get; private set; }

    /// <summary>
    /// An empty instance for this thread, reused from the previous decision on it: a decision is built and read
    /// within one call, and nothing keeps a reference to the instance afterwards.
    /// </summary>
    public static PartyPlaces Rent()
    {
        var places = _reused ??= new PartyPlaces();
        Array.Clear(places._entries, 0, places.Count);
        places.Count = 0;
        return places;
    }

    public (JurisdictionCode Code, Party Party, JurisdictionBasis Basis, IReadOnlyList<LocationEvidence> Evidence) this[int index]
    {
        get
        {
            ref readonly var e = ref _entries[index];
            return (e.Code, e.Party, e.Basis, e.Evidence.ToList());
        }
    }

    public void Add(JurisdictionCode code, Party party, JurisdictionBasis basis, LocationEvidence? evidence)
    {
        var at = IndexOf(code, party);
        if (at < 0)
        {
            if (Count == _entries.Length)
            {
                Array.Resize(ref _entries, Count * 2);
            }

            _entries[Count++] = new Entry(code, party, basis, default);
            at = Count - 1;
        }

        ref var entry = ref _entries[at];
        if (basis < entry.Basis)
        {
            entry.Basis = basis;
        }

        if (evidence is not null)
        {
            entry.Evidence.Add(evidence);
        }
    }

    public void Complete(Func<string, IReadOnlyList<Jurisdiction>> subdivisionsOf)
    {
        var named = Count;
        for (var i = 0; i < named; i++)
        {
            var entry = _entries[i];
            if (entry.Code.IsSubdivision || HasSubdivision(entry.Code.Country, entry.Party, named))
            {
                continue;
            }

            foreach (var sub in subdivisionsOf(entry.Code.Country))
            {
                AddAll(sub.Code, entry.Party, JurisdictionBasis.CountryWithoutSubdivision, entry.Evidence);
            }
        }

        var withSubdivisions = Count;
        for (var i = 0; i < withSubdivisions; i++)
        {
            var entry = _entries[i];
            if (entry.Code.IsSubdivision)
            {
                AddAll(entry.Code.CountryCode, entry.Party, JurisdictionBasis.NationalFloor, entry.Evidence);
            }
        }
    }

    private void AddAll(JurisdictionCode code, Party party, JurisdictionBasis basis, EvidenceSet evidence)
    {
        if (evidence.Count == 0)
        {
            Add(code, party, basis, null);
            return;
        }

        for (var i = 0; i < evidence.Count; i++)
        {
            Add(code, party, basis, evidence[i]);
        }
    }

    private bool HasSubdivision(string country, Party party, int upTo)
    {
        for (var i = 0; i < upTo; i++)
        {
            ref readonly var e = ref _entries[i];
            if (e.Party == party && e.Code.IsSubdivision && e.Code.Country == country)
            {
                return true;
            }
        }

        return false;
    }

    private int IndexOf(JurisdictionCode code, Party party)
    {
        for (var i = 0; i < Count; i++)
        {
            ref readonly var e = ref _entries[i];
            if (e.Party == party && e.Code == code)
            {
                return i;
            }
        }

        return -1;
    }

    private struct Entry(JurisdictionCode code, Party party, JurisdictionBasis basis, EvidenceSet evidence)
    {
        public JurisdictionCode Code = code;
        public Party Party = party;
        public JurisdictionBasis Basis = basis;
        public EvidenceSet Evidence = evidence;
    }

    /// <summary>The evidence behind one place: inline for the usual one or two signals, a list beyond.</summary>
    private struct EvidenceSet
    {
        private LocationEvidence? _first;
        private LocationEvidence? _second;
        private List<LocationEvidence>? _more;

        public readonly int Count => _first is null ? 0 : _second is null ? 1 : 2 + (_more?.Count ?? 0);

        public readonly LocationEvidence this[int index] => index switch
        {
            0 => _first!,
            1 => _second!,
            _ => _more![index - 2],
        };

        public void Add(LocationEvidence evidence)
        {
            if (_first is null)
            {
                _first = evidence;
            }
            else if (!ReferenceEquals(_first, evidence) && !ReferenceEquals(_second, evidence) && !(_more?.Contains(evidence) ?? false))
            {
                if (_second is null)
                {
                    _second = evidence;
                }
                else
                {
                    (_more ??= []).Add(evidence);
                }
            }
        }

        public readonly LocationEvidence[] ToList()
        {
            if (_first is null)
            {
                return [];
            }

            var list = new LocationEvidence[Count];
            for (var i = 0; i < list.Length; i++)
            {
                list[i] = this[i];
            }

            return list;
        }
    }
}
