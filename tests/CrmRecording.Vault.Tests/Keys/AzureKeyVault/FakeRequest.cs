using System.Diagnostics.CodeAnalysis;
using Azure.Core;

namespace CrmRecording.Vault.Tests.Keys.AzureKeyVault;

/// <summary>A request of the fake transport: headers kept as the SDK set them.</summary>
internal sealed class FakeRequest : Request
{
    private readonly Dictionary<string, List<string>> _headers = new(StringComparer.OrdinalIgnoreCase);

    public override string ClientRequestId { get; set; } = Guid.NewGuid().ToString();

    public override void Dispose() => Content?.Dispose();

    protected override void AddHeader(string name, string value)
    {
        if (!_headers.TryGetValue(name, out var values))
        {
            _headers[name] = values = [];
        }

        values.Add(value);
    }

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        value = _headers.TryGetValue(name, out var values) ? string.Join(",", values) : null;
        return value is not null;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = _headers.TryGetValue(name, out var found) ? found : null;
        return values is not null;
    }

    protected override bool ContainsHeader(string name) => _headers.ContainsKey(name);

    protected override bool RemoveHeader(string name) => _headers.Remove(name);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() =>
        _headers.Select(header => new HttpHeader(header.Key, string.Join(",", header.Value)));
}
