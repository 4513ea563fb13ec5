using System.Globalization;
using System.Text;
using CsvHelper;

namespace CrmRecording.Cli.Tests.Enrich;

public sealed class EnrichCommandTests
{
    private const string DynamicsExport = """
        contactid,fullname,telephone1,mobilephone,address1_stateorprovince,address1_country,crr_consentstatus,crr_consentdate,crr_donotrecord
        c1,Ada Lovelace,(702) 555-0100,,NV,US,,,
        c2,"Grace Hopper, RADM",,+1 512 555 0100,Texas,United States,,,
        c3,Alan Turing,020 7946 0958,,,United Kingdom,,,
        c4,Bad Phone,415-555-O142,,CA,US,,,
        c5,Opted Out,+1 512 555 0101,,TX,US,declined,2026-01-02,
        c6,Consented,+1 415 555 0142,,CA,US,granted,2026-09-01,
        c7,Typo State,+1 415 555 0142,,Kalifornia,US,,,
        c8,Short Row,+1 415 555 0142
        c9,Flagged,+1 512 555 0102,,TX,US,,,true
        """;

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        return csv.GetRecords<dynamic>().Select(r => ((IDictionary<string, object>)r).ToDictionary(p => p.Key, p => (string)p.Value)).ToList();
    }

    private static (Crmrec.Result Result, List<Dictionary<string, string>> Rows) Enrich(TempDir dir, string csv, params string[] extra)
    {
        var input = dir.File("in.csv", csv);
        var output = dir.File("out.csv");
        var r = Crmrec.Run(["enrich", "--in", input, "--out", output, "--as-of", "2026-11-24", .. extra]);
        Assert.True(r.ExitCode == 0, r.ToString());
        return (r, ReadCsv(output));
    }

    [Fact]
    public void Enrich_DynamicsExport_KeepsEveryRowInOrderWithDecisionsOrErrors()
    {
        using var dir = new TempDir();
        var (result, rows) = Enrich(dir, DynamicsExport, "--rep-region", "US-TX");

        Assert.Equal(["c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"], rows.Select(r => r["contactid"]));
        Assert.Equal("Grace Hopper, RADM", rows[1]["fullname"]);

        Assert.Equal("record-after-consent", rows[0]["crr_recordingdecision"]);
        Assert.Equal("all-party", rows[0]["crr_recordingrule"]);
        Assert.Equal("US-NV US", rows[0]["crr_jurisdictions"]);
        Assert.Equal("+17025550100", rows[0]["crr_phone_e164"]);
        Assert.Contains("phone +17025550100, a fixed-line-or-mobile number of US: area code 702", rows[0]["crr_decisionreasons"], StringComparison.Ordinal);

        Assert.Equal("record-after-notice", rows[1]["crr_recordingdecision"]);
        Assert.Equal("mobile", rows[1]["crr_devicetype"]);
        Assert.Equal("+442079460958", rows[2]["crr_phone_e164"]);
        Assert.Contains("phone +442079460958, a fixed-line number of GB: country GB", rows[2]["crr_decisionreasons"], StringComparison.Ordinal);

        Assert.Contains("telephone1", rows[3]["crr_error"], StringComparison.Ordinal);
        Assert.Contains("letter", rows[3]["crr_error"], StringComparison.Ordinal);
        Assert.Equal(string.Empty, rows[3]["crr_recordingdecision"]);

        Assert.Equal("do-not-record", rows[4]["crr_recordingdecision"]);
        Assert.Equal("record-after-notice", rows[5]["crr_recordingdecision"]);
        Assert.Contains("address1_stateorprovince", rows[6]["crr_error"], StringComparison.Ordinal);
        Assert.Contains("fields where the header has", rows[7]["crr_error"], StringComparison.Ordinal);
        Assert.Equal("do-not-record", rows[8]["crr_recordingdecision"]);
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r["crr_rulesversion"])));

        Assert.Contains("9 rows written", result.Out, StringComparison.Ordinal);
        Assert.Contains("3 with errors", result.Out, StringComparison.Ordinal);
        Assert.Contains("rows per decision", result.Out, StringComparison.Ordinal);
        Assert.Contains("US-NV", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Enrich_SalesforceExport_IsRecognised()
    {
        using var dir = new TempDir();
        var (_, rows) = Enrich(dir, "Id,Phone,MobilePhone,MailingState,MailingCountry\n003A,(305) 555-0100,,FL,US\n003B,,(406) 555-0100,MT,US\n", "--rep-region", "US-GA");
        Assert.Equal("record-after-consent", rows[0]["crr_recordingdecision"]);
        Assert.Equal("US-FL US", rows[0]["crr_jurisdictions"]);
        Assert.Equal("record-after-notice", rows[1]["crr_recordingdecision"]);
        Assert.Equal("mobile", rows[1]["crr_devicetype"]);
    }

    [Fact]
    public void Enrich_SalesforceExportWithThePackagesFields_ReadsConsentDoNotRecordAndVerifiedRegion()
    {
        using var dir = new TempDir();
        var (_, rows) = Enrich(
            dir,
            "Id,Phone,MailingState,MailingCountry,Recording_Consent_Status__c,Recording_Do_Not_Record__c,Recording_Verified_Region__c\n"
            + "003A,(214) 555-0100,TX,US,unknown,true,\n003B,(214) 555-0101,TX,US,declined,false,\n003C,(214) 555-0102,TX,US,unknown,false,US-CA\n",
            "--rep-region", "US-TX");
        Assert.Equal("do-not-record", rows[0]["crr_recordingdecision"]);
        Assert.Equal("do-not-record", rows[1]["crr_recordingdecision"]);
        Assert.Equal("record-after-consent", rows[2]["crr_recordingdecision"]);
        Assert.Contains("US-CA", rows[2]["crr_jurisdictions"], StringComparison.Ordinal);
    }

    [Fact]
    public void Enrich_DynamicsDisplayNames_AreRecognised()
    {
        using var dir = new TempDir();
        var (_, rows) = Enrich(dir, "Full Name,Business Phone,Address 1: State/Province,Address 1: Country/Region\nA,416 555 0100,ON,Canada\n", "--rep-region", "CA-ON");
        Assert.Equal("record-after-notice", rows[0]["crr_recordingdecision"]);
        Assert.Equal("+14165550100", rows[0]["crr_phone_e164"]);
    }

    [Fact]
    public void Enrich_Map_NamesAnyColumn()
    {
        using var dir = new TempDir();
        var (_, rows) = Enrich(dir, "name,Work Number,Region\nA,+1 702 555 0100,NV\n", "--map", "phone=Work Number", "--map", "region=Region");
        Assert.Equal("record-after-consent", rows[0]["crr_recordingdecision"]);
    }

    [Fact]
    public void Enrich_ItsOwnOutput_OverwritesTheColumnsInsteadOfAddingMore()
    {
        using var dir = new TempDir();
        var (_, first) = Enrich(dir, "id,telephone1,address1_stateorprovince\n1,+1 702 555 0100,NV\n");
        var output = dir.File("out.csv");
        var second = dir.File("second.csv");
        var r = Crmrec.Run("enrich", "--in", output, "--out", second, "--as-of", "2026-11-24");
        Assert.Equal(0, r.ExitCode);
        var rows = ReadCsv(second);
        Assert.Equal(first[0].Keys, rows[0].Keys);
        Assert.Equal(first[0]["crr_recordingdecision"], rows[0]["crr_recordingdecision"]);
    }

    [Fact]
    public void Enrich_MalformedQuoting_FlagsTheRowAndKeepsTheRest()
    {
        using var dir = new TempDir();
        var (_, rows) = Enrich(dir, "id,telephone1\n1,+1 702 555 0100\n2,+1 \"702\" 555 0100\n3,+1 512 555 0100\n");
        Assert.Equal(3, rows.Count);
        Assert.Contains("quoting", rows[1]["crr_error"], StringComparison.Ordinal);
        Assert.Equal("record-after-notice", rows[2]["crr_recordingdecision"]);
    }

    [Fact]
    public void Enrich_ManyRows_AllComeOutInOrder()
    {
        using var dir = new TempDir();
        var sb = new StringBuilder("id,telephone1,address1_stateorprovince,address1_country\n");
        string[] phones = ["+1 702 555 0100", "(415) 555-0142", "+44 20 7946 0958", "bad", "+1 212 555 0100"];
        for (var i = 0; i < 10_000; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{i},{phones[i % phones.Length]},,US\n");
        }

        var (result, rows) = Enrich(dir, sb.ToString(), "--rep-region", "US-TX");
        Assert.Equal(10_000, rows.Count);
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => i.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r["id"]));
        Assert.Equal(2_000, rows.Count(r => r["crr_error"].Length > 0));
        Assert.Contains("2,000 with errors", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Enrich_NoPhoneColumn_ExitsTwoAndSuggestsMap()
    {
        using var dir = new TempDir();
        var input = dir.File("in.csv", "id,name\n1,A\n");
        var r = Crmrec.Run("enrich", "--in", input, "--out", dir.File("out.csv"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--map phone=", r.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("out.csv")));
    }

    [Fact]
    public void Enrich_MissingInput_ExitsTwo()
    {
        using var dir = new TempDir();
        var r = Crmrec.Run("enrich", "--in", dir.File("nope.csv"), "--out", dir.File("out.csv"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--in", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Enrich_OutputSameAsInput_ExitsTwoAndLeavesTheInputAlone()
    {
        using var dir = new TempDir();
        var input = dir.File("in.csv", "id,telephone1\n1,+1 702 555 0100\n");
        var r = Crmrec.Run("enrich", "--in", input, "--out", input);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("id,telephone1\n1,+1 702 555 0100\n", File.ReadAllText(input));
    }

    [Fact]
    public void Enrich_UnknownMapField_ExitsTwoListingTheFields()
    {
        using var dir = new TempDir();
        var input = dir.File("in.csv", "id,telephone1\n1,+1 702 555 0100\n");
        var r = Crmrec.Run("enrich", "--in", input, "--out", dir.File("out.csv"), "--map", "fone=telephone1");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("phone, mobile, region", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Enrich_BadRepRegion_ExitsTwoNamingTheOption()
    {
        using var dir = new TempDir();
        var input = dir.File("in.csv", "id,telephone1\n1,+1 702 555 0100\n");
        var r = Crmrec.Run("enrich", "--in", input, "--out", dir.File("out.csv"), "--rep-region", "Narnia");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--rep-region", r.Error, StringComparison.Ordinal);
    }
}
