using System.Text;

namespace CrmRecording.Telephony.Tests;

public sealed class DisclosureCatalogTests
{
    [Fact]
    public void Default_EveryKindInEveryShippedLanguage_IsPresentAndVersioned()
    {
        var catalog = DisclosureCatalog.Default;

        Assert.Equal("2026.11.1", catalog.Version);
        foreach (var language in (string[])["en-US", "es-US", "fr-CA"])
        {
            Assert.Contains(language, catalog.Languages);
            foreach (var kind in DisclosureKinds.All)
            {
                var text = catalog.Get(kind, language);
                Assert.Equal((kind, language, "2026.11.1"), (text.Kind, text.Language, text.Version));
                Assert.False(string.IsNullOrWhiteSpace(text.Text));
            }
        }
    }

    [Fact]
    public void Default_NoticeAndQuestion_StateTheRecordingAndHowToAnswer()
    {
        var notice = DisclosureCatalog.Default.Get(DisclosureKinds.Notice, "en-US").Text;
        var question = DisclosureCatalog.Default.Get(DisclosureKinds.ConsentQuestion, "en-US").Text;

        Assert.Equal("This call is recorded for quality and training purposes. Continuing the call means you agree to be recorded.", notice);
        Assert.Contains("press 1 or say yes", question, StringComparison.Ordinal);
        Assert.Contains("press 2 or say no", question, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("es-MX", "es-US")]
    [InlineData("fr-FR", "fr-CA")]
    [InlineData("FR-ca", "fr-CA")]
    [InlineData("de-DE", "en-US")]
    [InlineData("en-GB", "en-US")]
    public void Get_LanguageWithoutItsOwnText_FallsBackToTheSameLanguageThenEnglish(string asked, string served)
    {
        Assert.Equal(served, DisclosureCatalog.Default.Get(DisclosureKinds.ConsentQuestion, asked).Language);
    }

    [Fact]
    public void Get_KindMissingInALanguage_FallsBackToBaseLanguageThenEnglish()
    {
        var catalog = Load(Complete("en-US") + """, "es": { "notice": "Aviso base." }, "es-MX": { "consent-granted": "Gracias." }""");

        Assert.Equal(("es", "Aviso base."), Pick(catalog.Get(DisclosureKinds.Notice, "es-MX")));
        Assert.Equal(("es-MX", "Gracias."), Pick(catalog.Get(DisclosureKinds.ConsentGranted, "es-MX")));
        Assert.Equal("en-US", catalog.Get(DisclosureKinds.ConsentDeclined, "es-MX").Language);
    }

    [Fact]
    public void Get_UnknownKind_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => DisclosureCatalog.Default.Get("greeting", "en-US"));

        Assert.Contains("greeting", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Override_UsesItsVersionAndWording()
    {
        var catalog = Load(Complete("en-US"), version: "acme-2027.1");

        var text = catalog.Get(DisclosureKinds.Notice, "en-US");

        Assert.Equal(("acme-2027.1", "notice text"), (text.Version, text.Text));
    }

    [Fact]
    public void Load_MissingVersion_NamesIt()
    {
        var json = $$"""{ "languages": { {{Complete("en-US")}} } }""";

        var e = Assert.Throws<FormatException>(() => DisclosureCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.Contains("\"version\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_KindMissingInEnglish_NamesTheKind()
    {
        var english = Complete("en-US").Replace("\"consent-timeout\": \"consent-timeout text\",", string.Empty, StringComparison.Ordinal);

        var e = Assert.Throws<FormatException>(() => Load(english));

        Assert.Contains("\"consent-timeout\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("en-US", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownKind_NamesItAndTheLanguage()
    {
        var e = Assert.Throws<FormatException>(() => Load(Complete("en-US") + """, "fr-CA": { "avis": "x" }"""));

        Assert.Contains("\"avis\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("fr-CA", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotJson_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => DisclosureCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes("version=1"))));
    }

    private static (string Language, string Text) Pick(DisclosureText text) => (text.Language, text.Text);

    private static string Complete(string language) =>
        $"\"{language}\": {{ " + string.Join(", ", DisclosureKinds.All.Select(k => $"\"{k}\": \"{k} text\"")) + " }";

    private static DisclosureCatalog Load(string languages, string version = "test-1")
    {
        var json = $$"""{ "version": "{{version}}", "languages": { {{languages}} } }""";
        return DisclosureCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));
    }
}
