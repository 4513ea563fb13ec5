using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CrmRecording.Dataverse.Http;
using CrmRecording.Dataverse.Tests.Support;

namespace CrmRecording.Dataverse.Tests;

/// <summary>
/// <c>$batch</c> answers as "Execute batch operations using the Web API" shows them (the documented bodies under
/// <c>Samples/</c>, the placeholder <c>[Organization Uri]</c> kept), read through the client's transport.
/// </summary>
public sealed class DataverseClientBatchTests
{
    private static readonly Guid[] Rows = [Guid.Parse("e73ffc82-e292-ed11-aad1-000d3a9933c9"), Guid.Parse("e83ffc82-e292-ed11-aad1-000d3a9933c9"), Guid.Parse("e93ffc82-e292-ed11-aad1-000d3a9933c9")];

    [Fact]
    public async Task BatchResponseReader_DocumentedChangeSetResponse_ReadsEveryResponseInOrder()
    {
        using var response = Batch(HttpStatusCode.OK, "dataverse-batch-changeset-response.txt", "batchresponse_f27ef42d-51b0-4685-bac9-f468f844de2f");

        var results = await BatchResponseReader.ReadAsync(response, CancellationToken.None);

        Assert.Equal([204, 204, 204, 200], results.Select(r => r.Status));
        Assert.Equal(Rows.Select(id => $"[Organization Uri]/api/data/v9.2/tasks({id:D})"), results.Take(3).Select(r => r.EntityId));
        Assert.All(results, r => Assert.Null(r.Error));
    }

    [Fact]
    public async Task UpdateInBatchAsync_DocumentedContinueOnErrorAnswer_ThrowsTheFailedRequestsError()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Batch(HttpStatusCode.OK, "dataverse-batch-continue-on-error-response.txt", "batchresponse_f44bd09d-573f-4a30-bca0-2e500ee7e139"));

        var error = await Assert.ThrowsAsync<DataverseException>(() => h.Client.UpdateInBatchAsync(DataverseTable.Contact, [.. Rows.Select(id => (id, (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["lastname"] = "x" }))]));

        Assert.Equal(400, error.Status);
        Assert.Equal("0x80044331", error.ErrorCode);
        Assert.Equal("A validation error occurred.  The length of the 'subject' attribute of the 'task' entity exceeded the maximum allowed length of '200'.", error.ServerMessage);
        Assert.Equal("de4c5227-4a28-4ebd-8ced-3392ece1697b", error.RequestId);
        var request = h.Single;
        Assert.Equal("POST", request.Method);
        Assert.Equal($"{ClientHarness.Api}$batch", request.Uri);
        ClientHarness.AssertODataHeaders(request);
        Assert.Equal("odata.continue-on-error", request.Header("Prefer"));
        Assert.Matches("^multipart/mixed; boundary=batch_[0-9a-f-]{36}$", request.Header("Content-Type"));
    }

    [Fact]
    public async Task UpdateInBatchAsync_AnswerWithoutItsClosingBoundary_ThrowsNamingTheContractBreak()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() =>
        {
            var full = Batch(HttpStatusCode.OK, "dataverse-batch-continue-on-error-response.txt", "batchresponse_f44bd09d-573f-4a30-bca0-2e500ee7e139");
            var text = Samples.Text("dataverse-batch-continue-on-error-response.txt");
            full.Content = new StringContent(text[..text.LastIndexOf("--batchresponse_", StringComparison.Ordinal)], Encoding.UTF8);
            full.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/mixed; boundary=batchresponse_f44bd09d-573f-4a30-bca0-2e500ee7e139");
            return full;
        });

        var error = await Assert.ThrowsAsync<DataverseException>(() => h.Client.UpdateInBatchAsync(DataverseTable.Contact, [(Rows[0], new Dictionary<string, object?> { ["lastname"] = "x" })]));

        Assert.Contains("closing boundary", error.ServerMessage, StringComparison.Ordinal);
    }

    private static HttpResponseMessage Batch(HttpStatusCode status, string sample, string boundary)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(Samples.Text(sample).ReplaceLineEndings("\r\n"), Encoding.UTF8) };
        response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/mixed; boundary={boundary}");
        response.Headers.TryAddWithoutValidation("OData-Version", "4.0");
        return response;
    }
}
