using CrmRecording.Core.Jurisdictions;
using CrmRecording.Core.Location;

namespace CrmRecording.Core.Decisions;

/// <summary>
/// The places each party may be in, completed with the two rules that widen them: a country known
/// without a subdivision counts as all its subdivisions, and a subdivision brings its national law along.
/// </summary>
internal sealed class PartyPlaces
{
    private readonly List<Entry> _entries = new(8);

    public int Count => _entries.Count;

    public (JurisdictionCode Code, Party Party, JurisdictionBasis Basis, IReadOnlyList<LocationEvidence> Evidence) this[int index]
    {
        get
        {
            var e = _entries[index];
            return (e.Code, e.Party, e.Basis, (IReadOnlyList<LocationEvidence>?)e.Evidence ?? []);
        }
    }

    public void Add(JurisdictionCode code, Party party, JurisdictionBasis basis, LocationEvidence? evidence)
    {
        var at = IndexOf(code, party);
        if (at < 0)
        {
            _entries.Add(new Entry(code, party, basis, evidence is null ? null : [evidence]));
            return;
        }

        var entry = _entries[at];
        if (basis < entry.Basis)
        {
            entry.Basis = basis;
        }

        if (evidence is not null && !(entry.Evidence?.Contains(evidence) ?? false))
        {
            (entry.Evidence ??= []).Add(evidence);
        }
    }

    public void Complete(Func<string, IReadOnlyList<Jurisdiction>> subdivisionsOf)
    {
        var named = _entries.Count;
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

        var withSubdivisions = _entries.Count;
        for (var i = 0; i < withSubdivisions; i++)
        {
            var entry = _entries[i];
            if (entry.Code.IsSubdivision)
            {
                AddAll(entry.Code.CountryCode, entry.Party, JurisdictionBasis.NationalFloor, entry.Evidence);
            }
        }
    }

    private void AddAll(JurisdictionCode code, Party party, JurisdictionBasis basis, List<LocationEvidence>? evidence)
    {
        if (evidence is null || evidence.Count == 0)
        {
            Add(code, party, basis, null);
            return;
        }

        foreach (var e in evidence)
        {
            Add(code, party, basis, e);
        }
    }

    private bool HasSubdivision(string country, Party party, int upTo)
    {
        for (var i = 0; i < upTo; i++)
        {
            var e = _entries[i];
            if (e.Party == party && e.Code.IsSubdivision && e.Code.Country == country)
            {
                return true;
            }
        }

        return false;
    }

    private int IndexOf(JurisdictionCode code, Party party)
    {
        for (var i = 0; i < _entries.Count; i++)
        {
            if (_entries[i].Party == party && _entries[i].Code == code)
            {
                return i;
            }
        }

        return -1;
    }

    private sealed class Entry(JurisdictionCode code, Party party, JurisdictionBasis basis, List<LocationEvidence>? evidence)
    {
        public JurisdictionCode Code { get; } = code;

        public Party Party { get; } = party;

        public JurisdictionBasis Basis { get; set; } = basis;

        public List<LocationEvidence>? Evidence { get; set; } = evidence;
    }
}
