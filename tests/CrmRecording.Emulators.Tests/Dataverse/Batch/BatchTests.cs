using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CrmRecording.Emulators.Dataverse;
using CrmRecording.Emulators.Dataverse.Http.Batch;

namespace CrmRecording.Emulators.Tests.Dataverse.Batch;

/// <summary><c>$batch</c> as "Execute batch operations using the Web API" documents it, with its own example requests.</summary>
public sealed class BatchTests
{
    [Fact]
    public async Task Batch_DocumentedRequestWithoutChangeSet_CreatesTheTasksAndAnswersEachRequestInOrder()
    {
        await using var session = await StartAsync();

        using var response = await PostBatchAsync(session, BatchSamples.WithoutChangeSet);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var parts = await PartsAsync(response);
        Assert.Equal(4, parts.Count);
        var created = parts.Take(3).Select(CreatedTask).ToList();
        var read = parts[3];
        Assert.StartsWith("HTTP/1.1 200 OK", read.Content, StringComparison.Ordinal);
        var value = JsonNode.Parse(read.Content[read.Content.IndexOf('{', StringComparison.Ordinal)..])!["value"]!.AsArray();
        Assert.Equal(["Task 1 in batch", "Task 2 in batch", "Task 3 in batch"], value.Select(t => (string?)t!["subject"]));
        Assert.Equal(created, value.Select(t => Guid.Parse((string)t!["activityid"]!)));
        Assert.All(created, id => Assert.Equal(BatchSamples.Account.ToString("D"), (string?)session.StandIn.GetRow("tasks", id)!["_regardingobjectid_value"]));
    }

    [Fact]
    public async Task Batch_DocumentedChangeSet_AnswersAChangeSetPartWithEachContentIdThenTheRead()
    {
        await using var session = await StartAsync();

        using var response = await PostBatchAsync(session, BatchSamples.WithChangeSet);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var parts = await PartsAsync(response);
        Assert.Equal(2, parts.Count);
        var changeSet = MimePart.Boundary(parts[0].Header("Content-Type"));
        Assert.StartsWith("changesetresponse_", changeSet, StringComparison.Ordinal);
        var inner = MimePart.Split(parts[0].Content + "\r\n", changeSet!)!;
        Assert.Equal(["1", "2", "3"], inner.Select(p => p.Header("Content-ID")));
        Assert.All(inner, p => CreatedTask(p));
        Assert.StartsWith("HTTP/1.1 200 OK", parts[1].Content, StringComparison.Ordinal);
        Assert.Equal(3, session.StandIn.GetRows("tasks").Count);
    }

    [Fact]
    public async Task Batch_DocumentedReferencesInBody_BindsWhatEarlierRequestsOfTheChangeSetCreated()
    {
        await using var session = await StartAsync();

        using var response = await PostBatchAsync(session, BatchSamples.ReferencesInBody);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lead = Assert.Single(session.StandIn.GetRows("leads"), l => (string?)l["lastname"] == "last name");
        var contact = Assert.Single(session.StandIn.GetRows("contacts"), c => (string?)c["firstname"] == "first name");
        var account = Assert.Single(session.StandIn.GetRows("accounts"), a => (string?)a["name"] == "IcM Account");
        Assert.Equal((string?)lead["leadid"], (string?)account["_originatingleadid_value"]);
        Assert.Equal((string?)contact["contactid"], (string?)account["_primarycontactid_value"]);
    }

    [Fact]
    public async Task Batch_DocumentedReferenceBeforeItsDeclaration_Answers400WithTheDocumentedMessageAndCreatesNothing()
    {
        await using var session = await StartAsync();
        var accounts = session.StandIn.GetRows("accounts").Count;

        using var response = await PostBatchAsync(session, BatchSamples.ReferenceBeforeDeclared);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var part = Assert.Single(await PartsAsync(response));
        Assert.StartsWith("HTTP/1.1 400 Bad Request", part.Content, StringComparison.Ordinal);
        Assert.Contains("Content-ID Reference: '$1' does not exist in the batch context.", part.Content, StringComparison.Ordinal);
        Assert.Empty(session.StandIn.GetRows("phonecalls"));
        Assert.Equal(accounts, session.StandIn.GetRows("accounts").Count);
    }

    [Fact]
    public async Task Batch_ChangeSetWhoseLastRequestFails_UndoesItsEarlierWrites()
    {
        await using var session = await StartAsync();
        var kept = session.StandIn.PutRow("contacts", new JsonObject { ["lastname"] = "before" });
        var body = Crlf($"""
            --batch_x
            Content-Type: multipart/mixed; boundary=changeset_y

            --changeset_y
            Content-Type: application/http
            Content-Transfer-Encoding: binary
            Content-ID: 1

            PATCH /api/data/v9.2/contacts({kept:D}) HTTP/1.1
            Content-Type: application/json

            {"{"}"lastname":"after"{"}"}
            --changeset_y
            Content-Type: application/http
            Content-Transfer-Encoding: binary
            Content-ID: 2

            PATCH /api/data/v9.2/contacts({Guid.NewGuid():D}) HTTP/1.1
            Content-Type: application/json
            If-Match: *

            {"{"}"lastname":"after"{"}"}
            --changeset_y--
            --batch_x--
            """);

        using var response = await PostBatchAsync(session, ("batch_x", body));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var part = Assert.Single(await PartsAsync(response));
        Assert.StartsWith("HTTP/1.1 404 Not Found", part.Content, StringComparison.Ordinal);
        Assert.Contains("0x80040217", part.Content, StringComparison.Ordinal);
        Assert.Equal("before", (string?)session.StandIn.GetRow("contacts", kept)!["lastname"]);
    }

    [Theory]
    [InlineData(false, HttpStatusCode.NotFound, 1, 0)]
    [InlineData(true, HttpStatusCode.OK, 3, 2)]
    public async Task Batch_FirstRequestFails_StopsUnlessContinueOnErrorIsPreferred(bool continueOnError, HttpStatusCode status, int parts, int tasks)
    {
        await using var session = await StartAsync();
        var missingAccount = BatchSamples.WithoutChangeSet.Body.Split("--batch_80dd1615-2a10-428a-bb6f-0e559792721f")[1]
            .Replace("00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-00000000dead", StringComparison.Ordinal);
        var documented = BatchSamples.WithoutChangeSet.Body.Split("--batch_80dd1615-2a10-428a-bb6f-0e559792721f");
        var body = string.Join("--batch_80dd1615-2a10-428a-bb6f-0e559792721f", [documented[0], missingAccount, documented[2], documented[3], documented[5]]);

        using var response = await PostBatchAsync(session, (BatchSamples.WithoutChangeSet.Boundary, body), continueOnError ? "odata.continue-on-error" : null);

        Assert.Equal(status, response.StatusCode);
        var answered = await PartsAsync(response);
        Assert.Equal(parts, answered.Count);
        Assert.StartsWith("HTTP/1.1 404 Not Found", answered[0].Content, StringComparison.Ordinal);
        Assert.All(answered.Skip(1), p => CreatedTask(p));
        Assert.Equal(tasks, session.StandIn.GetRows("tasks").Count);
    }

    [Theory]
    [InlineData("multipart/mixed", "--b\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET /api/data/v9.2/contacts HTTP/1.1\r\n\r\n--b--\r\n", "boundary")]
    [InlineData("multipart/mixed; boundary=b", "--b\r\nContent-Type: application/http\r\n\r\nGET /api/data/v9.2/contacts HTTP/1.1\r\n\r\n--b--\r\n", "Content-Transfer-Encoding")]
    [InlineData("multipart/mixed; boundary=b", "--b\r\nContent-Type: multipart/mixed; boundary=c\r\n\r\n--c\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET /api/data/v9.2/contacts HTTP/1.1\r\n\r\n--c--\r\n--b--\r\n", "GET requests are not allowed within change sets")]
    [InlineData("multipart/mixed; boundary=b", "--b\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET /api/data/v9.2/contacts HTTP/1.1\r\n\r\n", "terminating boundary")]
    [InlineData("multipart/mixed; boundary=b", "--b\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET\r\n\r\n--b--\r\n", "request line")]
    public async Task Batch_MalformedBody_Answers400NamingTheProblem(string contentType, string body, string reason)
    {
        await using var session = await StartAsync();

        using var response = await PostRawAsync(session, contentType, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, (await StandInSession.JsonAsync(response)).GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_MoreThanAThousandRequests_Answers400AndRunsNone()
    {
        await using var session = await StartAsync();
        var part = "--b\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nPOST /api/data/v9.2/tasks HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{\"subject\":\"x\"}\r\n";
        var body = string.Concat(Enumerable.Repeat(part, 1_001)) + "--b--\r\n";

        using var response = await PostRawAsync(session, "multipart/mixed; boundary=b", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 1000", (await StandInSession.JsonAsync(response)).GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(session.StandIn.GetRows("tasks"));
    }

    [Fact]
    public async Task UpdateMultiple_TableWithoutIt_Answers400WithTheMessageNotSupportedCode()
    {
        var options = new DataverseStandInOptions();
        options.TablesWithoutUpdateMultiple.Add("contact");
        await using var session = await StartAsync(options);
        var id = session.StandIn.PutRow("contacts", new JsonObject { ["lastname"] = "unchanged" });

        using var response = await session.SendAsync(HttpMethod.Post, "contacts/Microsoft.Dynamics.CRM.UpdateMultiple", $$"""{"Targets":[{"@odata.type":"Microsoft.Dynamics.CRM.contact","contactid":"{{id:D}}","lastname":"x"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await StandInSession.JsonAsync(response)).GetProperty("error");
        Assert.Equal("0x80040800", error.GetProperty("code").GetString());
        Assert.Equal("The 'UpdateMultiple' method does not support entities of type 'contact'. MessageProcessorCache returned MessageProcessor.Empty.", error.GetProperty("message").GetString());
        Assert.Equal("unchanged", (string?)session.StandIn.GetRow("contacts", id)!["lastname"]);
    }

    private static async Task<StandInSession> StartAsync(DataverseStandInOptions? options = null)
    {
        var session = await StandInSession.StartAsync(options);
        session.StandIn.PutRow("accounts", new JsonObject { ["accountid"] = BatchSamples.Account.ToString("D"), ["name"] = "Documented account" });
        return session;
    }

    private static Task<HttpResponseMessage> PostBatchAsync(StandInSession session, (string Boundary, string Body) sample, string? prefer = null) =>
        PostRawAsync(session, $"multipart/mixed; boundary=\"{sample.Boundary}\"", BatchSamples.For(sample.Body, session.StandIn.BaseAddress), prefer);

    private static async Task<HttpResponseMessage> PostRawAsync(StandInSession session, string contentType, string body, string? prefer = null)
    {
        using var request = session.Request(HttpMethod.Post, "$batch");
        request.Headers.TryAddWithoutValidation("If-None-Match", "null");
        if (prefer is not null)
        {
            request.Headers.Add("Prefer", prefer);
        }

        request.Content = new StringContent(body, Encoding.UTF8);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await session.Http.SendAsync(request);
    }

    /// <summary>The parts of a batch response, whose boundary is <c>batchresponse_{guid}</c> as Dataverse names it.</summary>
    private static async Task<IReadOnlyList<MimePart>> PartsAsync(HttpResponseMessage response)
    {
        var boundary = MimePart.Boundary(response.Content.Headers.ContentType?.ToString());
        Assert.StartsWith("batchresponse_", boundary, StringComparison.Ordinal);
        var parts = MimePart.Split(await response.Content.ReadAsStringAsync(), boundary!);
        Assert.NotNull(parts);
        Assert.All(parts, p => Assert.True(p.Header("Content-Type") is "application/http" || p.Header("Content-Type")!.StartsWith("multipart/mixed", StringComparison.Ordinal)));
        Assert.All(parts.Where(p => p.Header("Content-Type") == "application/http"), p => Assert.Equal("binary", p.Header("Content-Transfer-Encoding")));
        return parts;
    }

    /// <summary>The task a <c>204 No Content</c> part names in its <c>OData-EntityId</c> and <c>Location</c>, as the documented answers do.</summary>
    private static Guid CreatedTask(MimePart part)
    {
        Assert.StartsWith("HTTP/1.1 204 No Content", part.Content, StringComparison.Ordinal);
        var headers = MimePart.Parse(part.Content.Split("\r\n")[1..]).Headers;
        Assert.Equal("4.0", headers["OData-Version"]);
        Assert.Equal(headers["OData-EntityId"], headers["Location"]);
        var entity = headers["OData-EntityId"];
        Assert.Contains("/api/data/v9.2/tasks(", entity, StringComparison.Ordinal);
        return Guid.Parse(entity[(entity.IndexOf('(', StringComparison.Ordinal) + 1)..^1]);
    }

    private static string Crlf(string text) => text.ReplaceLineEndings("\r\n");
}
