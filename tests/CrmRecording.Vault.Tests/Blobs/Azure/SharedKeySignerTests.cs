using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using CrmRecording.Vault.Blobs.Azure;

namespace CrmRecording.Vault.Tests.Blobs.Azure;

/// <summary>
/// Expected strings are written by hand from Microsoft Learn, "Authorize with Shared Key" (Blob service,
/// version 2015-02-21 and later): twelve standard header lines, the sorted lower-cased x-ms-* headers,
/// then /{account}{path} and one "\nname:value" line per sorted, lower-cased, URL-decoded query parameter.
/// </summary>
public sealed class SharedKeySignerTests
{
    private const string Date = "Mon, 02 Jun 2025 10:00:00 GMT";

    private static readonly byte[] TestKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public async Task Authorize_PutBlockOnAzurite_MatchesTheSignatureAzuriteAccepted()
    {
        // Sent to Azurite 3.37 (the port differs: host and port are not signed), which answered 201 Created
        // and logged this same StringToSign.
        using var request = new HttpRequestMessage(HttpMethod.Put, "http://127.0.0.1:10000/devstoreaccount1/sigtest/2025/call-0001.rec?comp=block&blockid=AAAA%2B%2F8%3D")
        {
            Content = new ByteArrayContent("hello"u8.ToArray()),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Stamp(request);
        var signer = new SharedKeySigner(AzuriteAccount.Name, Convert.FromBase64String(AzuriteAccount.Key));

        await signer.AuthorizeAsync(request, CancellationToken.None);

        Assert.Equal(
            "PUT\n\n\n5\n\napplication/octet-stream\n\n\n\n\n\n\n" +
            "x-ms-date:Mon, 02 Jun 2025 10:00:00 GMT\nx-ms-version:2021-12-02\n" +
            "/devstoreaccount1/devstoreaccount1/sigtest/2025/call-0001.rec\nblockid:AAAA+/8=\ncomp:block",
            signer.StringToSign(request));
        Assert.Equal("SharedKey devstoreaccount1:f5iGwemZaRo3msgahGdGOjUxT6L+nkD796Qu4WD77iI=", request.Headers.Authorization?.ToString());
    }

    [Fact]
    public async Task Authorize_PutBlockListWithCondition_SignsDocumentedStringToSign()
    {
        var body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList></BlockList>"u8.ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Put, "https://myaccount.blob.core.windows.net/recordings/call%20one.rec?comp=blocklist")
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml") { CharSet = "utf-8" };
        request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Any);
        request.Headers.TryAddWithoutValidation("X-MS-Client-Request-Id", "  7f0c  trace   ");
        Stamp(request);
        var signer = new SharedKeySigner("myaccount", TestKey);

        await signer.AuthorizeAsync(request, CancellationToken.None);

        var expected =
            "PUT\n" +
            "\n" + // Content-Encoding
            "\n" + // Content-Language
            $"{body.Length}\n" +
            "\n" + // Content-MD5
            "application/xml; charset=utf-8\n" +
            "\n" + // Date (x-ms-date is used instead)
            "\n" + // If-Modified-Since
            "\n" + // If-Match
            "*\n" + // If-None-Match
            "\n" + // If-Unmodified-Since
            "\n" + // Range
            "x-ms-client-request-id:7f0c trace\n" + // lower-cased, trimmed, whitespace runs folded
            "x-ms-date:Mon, 02 Jun 2025 10:00:00 GMT\n" +
            "x-ms-version:2021-12-02\n" +
            "/myaccount/recordings/call%20one.rec\n" +
            "comp:blocklist";
        Assert.Equal(expected, signer.StringToSign(request));
        Assert.Equal($"SharedKey myaccount:{Hmac(expected)}", request.Headers.Authorization?.ToString());
    }

    [Fact]
    public void StringToSign_RepeatedAndEncodedQueryParameters_AreDecodedSortedAndCommaJoined()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://myaccount.blob.core.windows.net/recordings?restype=container&comp=list&Include=snapshots&include=metadata&marker=2025%2Fcall-9");
        request.Headers.TryAddWithoutValidation("x-ms-range", "bytes=0-511");
        Stamp(request);

        var text = new SharedKeySigner("myaccount", TestKey).StringToSign(request);

        Assert.Equal(
            "GET\n\n\n\n\n\n\n\n\n\n\n\n" +
            "x-ms-date:Mon, 02 Jun 2025 10:00:00 GMT\nx-ms-range:bytes=0-511\nx-ms-version:2021-12-02\n" +
            "/myaccount/recordings\ncomp:list\ninclude:metadata,snapshots\nmarker:2025/call-9\nrestype:container",
            text);
    }

    [Fact]
    public void StringToSign_ZeroLengthBody_LeavesContentLengthEmpty()
    {
        using var empty = new HttpRequestMessage(HttpMethod.Put, "https://myaccount.blob.core.windows.net/recordings?restype=container")
        {
            Content = new ByteArrayContent([]),
        };
        using var none = new HttpRequestMessage(HttpMethod.Put, "https://myaccount.blob.core.windows.net/recordings?restype=container");
        Stamp(empty);
        Stamp(none);
        var signer = new SharedKeySigner("myaccount", TestKey);

        var expected =
            "PUT\n\n\n\n\n\n\n\n\n\n\n\n" +
            "x-ms-date:Mon, 02 Jun 2025 10:00:00 GMT\nx-ms-version:2021-12-02\n" +
            "/myaccount/recordings\nrestype:container";
        Assert.Equal(expected, signer.StringToSign(empty));
        Assert.Equal(expected, signer.StringToSign(none));
    }

    private static void Stamp(HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("x-ms-date", Date);
        request.Headers.TryAddWithoutValidation("x-ms-version", "2021-12-02");
    }

    private static string Hmac(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(TestKey, Encoding.UTF8.GetBytes(stringToSign)));
}
