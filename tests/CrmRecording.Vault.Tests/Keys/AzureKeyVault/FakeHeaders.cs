using System.Diagnostics.CodeAnalysis;
using Azure.Core;

namespace CrmRecording.Vault.Tests.Keys.AzureKeyVault;

/// <summary>The headers of a fake request or response: names without case, values in the order added.</summary>
internal sealed class FakeHeaders
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.OrdinalIgnoreCase);

    public void Add(string name, string value)
    {
        if (!_values.TryGetValue(name, out var values))
        {
            _values[name] = values = [];
        }

        values.Add(value);
    }

    public void Set(string name, IEnumerable<string> values) => _values[name] = [.. values];

    public bool TryGet(string name, [NotNullWhen(true)] out string? value)
    {
        value = _values.TryGetValue(name, out var values) ? string.Join(",", values) : null;
        return value is not null;
    }

    public bool TryGetValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = _values.TryGetValue(name, out var found) ? found : null;
        return values is not null;
    }

    public bool Contains(string name) => _values.ContainsKey(name);

    public bool Remove(string name) => _values.Remove(name);

    public IEnumerable<HttpHeader> Enumerate() => _values.Select(header => new HttpHeader(header.Key, string.Join(",", header.Value)));
}
