using System.Diagnostics.CodeAnalysis;
using Azure.Core;

namespace CrmRecording.Vault.Tests.Keys.AzureKeyVault;

/// <summary>A request of the fake transport: headers kept as the SDK set them.</summary>
internal sealed class FakeRequest : Request
{
    private readonly FakeHeaders _headers = new();

    public override string ClientRequestId { get; set; } = Guid.NewGuid().ToString();

    public override void Dispose() => Content?.Dispose();

    protected override void AddHeader(string name, string value) => _headers.Add(name, value);

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => _headers.TryGet(name, out value);

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values) => _headers.TryGetValues(name, out values);

    protected override bool ContainsHeader(string name) => _headers.Contains(name);

    protected override bool RemoveHeader(string name) => _headers.Remove(name);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers.Enumerate();
}
