using System.Globalization;
using System.Text;
using CrmRecording.Core.Contacts;

namespace CrmRecording.Benchmarks;

/// <summary>Generates realistic CRM contact exports (Dynamics column names) for benchmarks.</summary>
internal static class ExportGenerator
{
    private static readonly string[] AreaCodes = ["212", "415", "702", "512", "305", "312", "206", "617", "203", "313", "406", "503", "416", "604", "800", "876"];
    private static readonly (string State, string Country)[] Addresses =
    [
        ("NY", "US"), ("California", "US"), ("NV", "US"), ("TX", "United States"), ("FL", "US"), ("IL", "USA"), ("WA", "US"), ("MA", "US"),
        ("CT", "US"), ("MI", "US"), ("MT", "US"), ("OR", "US"), ("ON", "Canada"), ("BC", "CA"), ("", "United Kingdom"), ("", "Germany"), ("", ""),
    ];

    private static readonly string[] Consents = ["", "", "", "granted", "declined", "revoked"];

    public static IEnumerable<ContactFields> Contacts(int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var row = Row(random, i);
            yield return new ContactFields
            {
                Phone = row[2].Length > 0 ? row[2] : row[3],
                PhoneIsMobileColumn = row[2].Length == 0,
                Region = row[4],
                Country = row[5],
                Consent = row[6],
                ConsentDate = row[7],
                RepRegion = "US-TX",
            };
        }
    }

    public static int Run(string[] args)
    {
        if (args.Length != 2 || !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rows))
        {
            Console.Error.WriteLine("usage: generate ROWS FILE.csv");
            return 2;
        }

        var random = new Random(42);
        using var output = new StreamWriter(args[1], false, new UTF8Encoding(false), 1 << 16);
        output.Write("contactid,fullname,telephone1,mobilephone,address1_stateorprovince,address1_country,crr_consentstatus,crr_consentdate\n");
        for (var i = 0; i < rows; i++)
        {
            output.Write(string.Join(',', Row(random, i)));
            output.Write('\n');
        }

        return 0;
    }

    private static string[] Row(Random random, int i)
    {
        var area = AreaCodes[random.Next(AreaCodes.Length)];
        var number = random.Next(10) switch
        {
            0 => $"+44 20 7946 {random.Next(1000, 9999)}",
            1 => $"{area}.555.{random.Next(1000, 9999)}",
            2 => $"+1 {area} 555 {random.Next(1000, 9999)} x{random.Next(10, 999)}",
            3 => "n/a",
            _ => $"({area}) 555-{random.Next(1000, 9999)}",
        };
        var mobile = random.Next(3) == 0;
        var (state, country) = Addresses[random.Next(Addresses.Length)];
        var consent = Consents[random.Next(Consents.Length)];
        var date = consent.Length == 0 ? string.Empty : new DateOnly(2025, 1, 1).AddDays(random.Next(690)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return
        [
            $"c{i}",
            $"Contact {i}",
            mobile ? string.Empty : number,
            mobile ? number : string.Empty,
            state,
            country,
            consent,
            date,
        ];
    }
}
