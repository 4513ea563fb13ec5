using CrmRecording.Cli.Solution;

namespace CrmRecording.Cli.Tests.Solution;

public sealed class NameBasedGuidTests
{
    [Fact]
    public void Create_Rfc9562DnsExample_MatchesTheRfc()
    {
        // RFC 9562 Appendix A.4: UUIDv5 of "www.example.com" in the DNS namespace.
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), NameBasedGuid.Create(dns, "www.example.com"));
    }

    [Fact]
    public void Create_DifferentNames_GiveDifferentVersion5Ids()
    {
        var a = NameBasedGuid.Create(NameBasedGuid.SolutionNamespace, "crr.contact.enrich.create");
        var b = NameBasedGuid.Create(NameBasedGuid.SolutionNamespace, "crr.contact.enrich.update");
        Assert.NotEqual(a, b);
        Assert.Equal(5, a.Version);
        Assert.Equal('5', a.ToString()[14]);
    }
}
