using System.Net;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Pages.Tests.Hosting;

namespace CrmRecording.Pages.Tests.Reports;

/// <summary>
/// The service with <see cref="ReportCalls"/> stored and some access to them in the audit trail: the reviewer
/// listens to the first recording (a range of its audio) and the sales director, who has no recording role, is
/// refused it. Viewers of the report see it in <see cref="Zone"/>.
/// </summary>
public sealed class ReportPagesHost : PagesHost
{
    public const string Zone = "Europe/Berlin";

    public IReadOnlyList<string> Recordings { get; private set; } = [];

    /// <summary>The last seven days up to today, as dates in <see cref="Zone"/>: every seeded call falls in it.</summary>
    public (string From, string To) Week { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var now = TimeProvider.System.GetUtcNow();
        Recordings = await ReportCalls.SeedAsync(Services, now);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(Zone)).DateTime);
        Week = (today.AddDays(-7).ToString("yyyy-MM-dd"), today.ToString("yyyy-MM-dd"));

        using var reviewer = await ClientAsync(SeedData.Users.ComplianceReviewer);
        using var listen = new HttpRequestMessage(HttpMethod.Get, $"/api/recordings/{Recordings[0]}/audio");
        listen.Headers.Range = new(0, 43);
        Expect(HttpStatusCode.PartialContent, await reviewer.SendAsync(listen));
        using var director = await ClientAsync(SeedData.Users.SalesDirector);
        Expect(HttpStatusCode.Forbidden, await director.GetAsync($"/api/recordings/{Recordings[0]}/audio"));
    }

    private static void Expect(HttpStatusCode expected, HttpResponseMessage response)
    {
        using (response)
        {
            if (response.StatusCode != expected)
            {
                throw new InvalidOperationException($"Seeding the report's access: expected {expected}, the service answered {response.StatusCode}.");
            }
        }
    }
}
