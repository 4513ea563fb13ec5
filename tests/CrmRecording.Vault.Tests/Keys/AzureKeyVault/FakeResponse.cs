using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;

namespace CrmRecording.Vault.Tests.Keys.AzureKeyVault;

/// <summary>A response of the fake transport, copied from the script's <see cref="HttpResponseMessage"/> (status, headers, body).</summary>
internal sealed class FakeResponse : Response
{
    private readonly FakeHeaders _headers = new();

    private FakeResponse(int status, string reasonPhrase, string clientRequestId)
    {
        Status = status;
        ReasonPhrase = reasonPhrase;
        ClientRequestId = clientRequestId;
    }

    public override int Status { get; }

    public override string ReasonPhrase { get; }

    public override Stream? ContentStream { get; set; }

    public override string ClientRequestId { get; set; }

    public static async Task<FakeResponse> FromAsync(HttpResponseMessage answer, string clientRequestId, CancellationToken cancellationToken)
    {
        var response = new FakeResponse((int)answer.StatusCode, answer.ReasonPhrase ?? string.Empty, clientRequestId)
        {
            ContentStream = new MemoryStream(await answer.Content.ReadAsByteArrayAsync(cancellationToken)),
        };
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
        {
            response._headers.Set(name, values);
        }

        return response;
    }

    public override void Dispose() => ContentStream?.Dispose();

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => _headers.TryGet(name, out value);

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values) => _headers.TryGetValues(name, out values);

    protected override bool ContainsHeader(string name) => _headers.Contains(name);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers.Enumerate();
}
