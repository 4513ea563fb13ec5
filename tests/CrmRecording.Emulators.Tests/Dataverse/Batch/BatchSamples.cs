namespace CrmRecording.Emulators.Tests.Dataverse.Batch;

/// <summary>
/// The request bodies of "Execute batch operations using the Web API" (Microsoft Learn, powerapps-docs
/// execute-batch-operations-using-web-api.md), verbatim but for their line ends, which HTTP makes CRLF.
/// </summary>
internal static class BatchSamples
{
    /// <summary>The account the documented tasks are regarding.</summary>
    public static readonly Guid Account = Guid.Parse("00000000-0000-0000-0000-000000000001");

    /// <summary>"Batch requests": three tasks created and then read, without a change set.</summary>
    public static readonly (string Boundary, string Body) WithoutChangeSet = ("batch_80dd1615-2a10-428a-bb6f-0e559792721f", Crlf("""
        --batch_80dd1615-2a10-428a-bb6f-0e559792721f
        Content-Type: application/http
        Content-Transfer-Encoding: binary

        POST /api/data/v9.2/tasks HTTP/1.1
        Content-Type: application/json; type=entry

        {
          "subject": "Task 1 in batch",
          "regardingobjectid_account_task@odata.bind": "accounts(00000000-0000-0000-0000-000000000001)"
        }
        --batch_80dd1615-2a10-428a-bb6f-0e559792721f
        Content-Type: application/http
        Content-Transfer-Encoding: binary

        POST /api/data/v9.2/tasks HTTP/1.1
        Content-Type: application/json; type=entry

        {
          "subject": "Task 2 in batch",
          "regardingobjectid_account_task@odata.bind": "accounts(00000000-0000-0000-0000-000000000001)"
        }
        --batch_80dd1615-2a10-428a-bb6f-0e559792721f
        Content-Type: application/http
        Content-Transfer-Encoding: binary

        POST /api/data/v9.2/tasks HTTP/1.1
        Content-Type: application/json; type=entry

        {
          "subject": "Task 3 in batch",
          "regardingobjectid_account_task@odata.bind": "accounts(00000000-0000-0000-0000-000000000001)"
        }
        --batch_80dd1615-2a10-428a-bb6f-0e559792721f
        Content-Type: application/http
        Content-Transfer-Encoding: binary

        GET /api/data/v9.2/accounts(00000000-0000-0000-0000-000000000001)/Account_Tasks?$select=subject HTTP/1.1


        --batch_80dd1615-2a10-428a-bb6f-0e559792721f--

        """));

    /// <summary>"Change sets": the three creates in one change set with Content-IDs 1 to 3, the read after it.</summary>
    public static readonly (string Boundary, string Body) WithChangeSet = ("batch_22975cad-7f57-410d-be15-6363209367ea", Crlf("""
        --batch_22975cad-7f57-410d-be15-6363209367ea
        Content-Type: multipart/mixed; boundary="changeset_246e6bfe-89a4-4c77-b293-7a433f082e8a"

        --changeset_246e6bfe-89a4-4c77-b293-7a433f082e8a
        Content-Type: application/http
        Content-Transfer-Encoding: binary
        Content-ID: 1

        POST /api/data/v9.2/tasks HTTP/1.1
        Content-Type: application/json; type=entry

        {
          "subject": "Task 1 in batch",
          "regardingobjectid_account_task@odata.bind": "accounts(00000000-0000-0000-0000-000000000001)"
        }
        --changeset_246e6bfe-89a4-4c77-b293-7a433f082e8a
        Content-Type: application/http
        Content-Transfer-Encoding: binary
        Content-ID: 2

        POST /api/data/v9.2/tasks HTTP/1.1
        Content-Type: application/json; type=entry

        {
          "subject": "Task 2 in batch",
          "regardingobjectid_account_task@odata.bind": "accounts(00000000-0000-0000-0000-000000000001)"
        }
        --changeset_246e6bfe-89a4-4c77-b293-7a433f082e8a
        Content-Type: application/http
        Content-Transfer-Encoding: binary
        Content-ID: 3

        POST /api/data/v9.2/tasks HTTP/1.1
        Content-Type: application/json; type=entry

        {
          "subject": "Task 3 in batch",
          "regardingobjectid_account_task@odata.bind": "accounts(00000000-0000-0000-0000-000000000001)"
        }
        --changeset_246e6bfe-89a4-4c77-b293-7a433f082e8a--

        --batch_22975cad-7f57-410d-be15-6363209367ea
        Content-Type: application/http
        Content-Transfer-Encoding: binary

        GET /api/data/v9.2/accounts(00000000-0000-0000-0000-000000000001)/Account_Tasks?$select=subject HTTP/1.1


        --batch_22975cad-7f57-410d-be15-6363209367ea--

        """));

    /// <summary>"Reference URIs in request body": a lead and a contact created, and an account binding both as $1 and $2.</summary>
    public static readonly (string Boundary, string Body) ReferencesInBody = ("batch_AAA123", Crlf("""
        --batch_AAA123
        Content-Type: multipart/mixed; boundary=changeset_dd81ccab-11ce-4d57-b91d-12c4e25c3cab

        --changeset_dd81ccab-11ce-4d57-b91d-12c4e25c3cab
        Content-Type: application/http
        Content-Transfer-Encoding: binary
        Content-ID: 1

        POST [Organization URI]/api/data/v9.2/leads HTTP/1.1
        Content-Type: application/json

        {
            "firstname":"first name",
            "lastname":"last name"
        }

        --changeset_dd81ccab-11ce-4d57-b91d-12c4e25c3cab
        Content-Type: application/http
        Content-Transfer-Encoding: binary
        Content-ID: 2

        POST [Organization URI]/api/data/v9.2/contacts HTTP/1.1
        Content-Type: application/json

        {"firstname":"first name"}

        --changeset_dd81ccab-11ce-4d57-b91d-12c4e25c3cab
        Content-Type: application/http
        Content-Transfer-Encoding: binary
        Content-ID: 3

        POST [Organization URI]/api/data/v9.2/accounts HTTP/1.1
        Content-Type: application/json

        {
            "name":"IcM Account",
            "originatingleadid@odata.bind":"$1",
            "primarycontactid@odata.bind":"$2"
        }

        --changeset_dd81ccab-11ce-4d57-b91d-12c4e25c3cab--
        --batch_AAA123--
        """));

    /// <summary>"Handling errors": the note's body that refers to <c>$1</c> before the request with that Content-ID.</summary>
    public static readonly (string Boundary, string Body) ReferenceBeforeDeclared = ("batch_AAA123", Crlf("""
        --batch_AAA123
        Content-Type: multipart/mixed; boundary=changeset_BBB456

        --changeset_BBB456
        Content-Type: application/http
        Content-Transfer-Encoding:binary
        Content-ID: 2

        POST [Organization URI]/api/data/v9.2/phonecalls HTTP/1.1
        Content-Type: application/json;type=entry

        {
            "phonenumber":"911",
            "regardingobjectid_account_phonecall@odata.bind" : "$1"
        }

        --changeset_BBB456
        Content-Type: application/http
        Content-Transfer-Encoding:binary
        Content-ID: 1

        POST [Organization URI]/api/data/v9.2/accounts HTTP/1.1
        Content-Type: application/json;type=entry

        {
            "name":"QQQQ",
            "revenue": 1.50
        }

        --changeset_BBB456--
        --batch_AAA123--
        """));

    /// <summary>Replaces the documentation's placeholder with the stand-in's address and makes every line end CRLF.</summary>
    public static string For(string body, Uri standIn) =>
        body.Replace("[Organization URI]", standIn.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal);

    private static string Crlf(string text) => text.ReplaceLineEndings("\r\n");
}
