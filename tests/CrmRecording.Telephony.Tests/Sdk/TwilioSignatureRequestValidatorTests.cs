using System.Collections.Specialized;
using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Twilio.Security;

namespace CrmRecording.Telephony.Tests.Sdk;

/// <summary>
/// Twilio's own <see cref="RequestValidator"/> as the referee of <see cref="TwilioSignature"/>, over generated webhooks:
/// URLs with and without ports (Twilio may sign either form), form fields in any order with any Unicode, JSON bodies.
/// </summary>
/// <remarks>
/// Where they differ, on purpose. First, a request that came at another port form than Twilio signed (Twilio may
/// sign with or without the port), whose URL is not in System.Uri's normal form: an explicit default port
/// (<c>https://host:443/…</c>, as a configured public base URL may say) or an unreserved character percent-escaped
/// (<c>%2D</c>). The SDK (8.2.0) rebuilds such a URL through <see cref="UriBuilder"/> to change its port, keeps the
/// default port or unescapes the character, and so signs another string than Twilio did and refuses the genuine
/// signature; the project's validator changes only the port, in the URL's text, and accepts it. Second, a form that repeats a name (Twilio sends <c>StatusCallbackEvent</c> once per event).
/// Twilio signs every name/value pair, sorted by name. The SDK cannot take such a form: its dictionary overload keeps
/// one value per name (the others are dropped before signing), and its NameValueCollection overload joins the values
/// with commas into one. Neither computes the string Twilio signed, so the SDK rejects a genuine webhook that
/// repeats a name, while the project's validator accepts it (and still refuses any other token or value).
/// </remarks>
public sealed class TwilioSignatureRequestValidatorTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static readonly Gen<string> Token = Gen.Elements("12345", "a3c1f0e9b8d7c6a5b4e3f2a1c0d9e8f7", "token with spaces", "tøkén");

    private static readonly Gen<string> Name = Gen.Elements(
        "CallSid", "AccountSid", "From", "To", "CallStatus", "Digits", "SpeechResult", "Caller", "RecordingSid", "RecordingUrl",
        "Confidence", "Direction", "ApiVersion", "a", "A", "_x", "Z9");

    private static readonly Gen<string> Value = Gen.OneOf(
        Gen.Elements("", "1", "+14155550100", "completed", "yes please", "sí", "oui, non", "a&b=c", "日本語", "emoji 😀", "line\nbreak", "%20"),
        Gen.ArrayOf(Gen.Choose(0x20, 0x7e).Select(c => (char)c)).Select(chars => new string(chars)));

    /// <summary>
    /// A webhook URL as the service received it (lowercase scheme, a path, maybe a port, an escaped query, no
    /// unreserved character escaped) and the form Twilio signed: the same, without the port, or with the scheme's
    /// default port added.
    /// </summary>
    private static readonly Gen<(string Received, string Signed, bool DefaultPortLeftOut)> Urls =
        from scheme in Gen.Elements("https", "http")
        from host in Gen.Elements("media.example.com", "Media.Example.com", "127.0.0.1", "crm-rec.example.org")
        from port in Gen.Elements("", scheme == "https" ? ":443" : ":80", ":8443", ":5080")
        from signedPort in Gen.Elements(port, port.Length == 0 ? (scheme == "https" ? ":443" : ":80") : "")
        from path in Gen.Elements("/twilio/voice/7f3a/rep", "/crm/twilio/status", "/", "/a%20b/c")
        from query in Gen.Elements("", "?call=7f3a", "?foo=1&bar=2", "?v=notice-v3&x=%C3%A9&s=a%2Fb")
        select ($"{scheme}://{host}{port}{path}{query}", $"{scheme}://{host}{signedPort}{path}{query}", port is ":443" or ":80" && signedPort.Length == 0);

    private static readonly Gen<string> Url = Urls.Select(urls => urls.Received);

    private static readonly Gen<KeyValuePair<string, string>[]> DistinctFields =
        Gen.ListOf(Gen.Zip(Name, Value))
            .Select(pairs => pairs.DistinctBy(p => p.Item1, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Item1, p.Item2)).ToArray());

    [Fact]
    public void IsValidForm_DistinctNames_AgreesWithRequestValidator_ExceptThatOnlyItAcceptsADefaultPortTwilioLeftOut()
    {
        var cases =
            from token in Token
            from urls in Urls
            from fields in DistinctFields
            from shuffled in Gen.Shuffle(fields)
            from forgery in Gen.Elements(Enum.GetValues<Forgery>())
            select (token, urls, fields, shuffled, forgery);
        var property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (token, url, signed) = Forge(c.forgery, c.token, c.urls.Signed, c.fields);
            var signature = TwilioSignature.Compute(token, url, signed);
            var dictionary = c.shuffled.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);

            var sdk = new RequestValidator(c.token).Validate(c.urls.Received, dictionary, signature);
            var ours = TwilioSignature.IsValidForm(c.token, c.urls.Received, c.shuffled, signature);

            var genuine = c.forgery == Forgery.None;
            return c.urls.DefaultPortLeftOut && genuine
                ? ours && !sdk
                : ours == sdk && ours == genuine;
        });
        Check.One(Runs, property);
    }

    [Fact]
    public void IsValidForm_RepeatedName_AcceptsTwiliosSignatureWhichTheSdksDictionaryOverloadDropsAndItsNameValueOverloadJoins()
    {
        var cases =
            from token in Token
            from url in Url
            from fields in DistinctFields
            from repeated in Gen.Elements("StatusCallbackEvent", "RecordingStatusCallbackEvent")
            from values in Gen.NonEmptyListOf(Gen.Elements("initiated", "ringing", "answered", "completed", "in-progress", "absent"))
            select (token, url, form: fields.Concat(values.Prepend("queued").Select(v => KeyValuePair.Create(repeated, v))).ToArray());
        var property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            // What Twilio signs: every pair, sorted by name, the values of one name in the order they were sent.
            var signature = TwilioSignature.Compute(c.token, c.url, c.form);
            var lastValueKept = new Dictionary<string, string>(StringComparer.Ordinal);
            var joined = new NameValueCollection();
            foreach (var (name, value) in c.form)
            {
                lastValueKept[name] = value;
                joined.Add(name, value);
            }

            var validator = new RequestValidator(c.token);
            return TwilioSignature.IsValidForm(c.token, c.url, c.form, signature)
                && !TwilioSignature.IsValidForm(c.token + "x", c.url, c.form, signature)
                && !validator.Validate(c.url, lastValueKept, signature)
                && !validator.Validate(c.url, joined, signature);
        });
        Check.One(Runs, property);
    }

    [Theory]
    [InlineData("https://media.example.com:8443/twilio/voice/7f3a/notice-played?v=notice%2Dv3", "https://media.example.com/twilio/voice/7f3a/notice-played?v=notice%2Dv3")]
    [InlineData("https://media.example.com:8443/twilio/%7Erep/status", "https://media.example.com/twilio/%7Erep/status")]
    [InlineData("https://media.example.com:443/twilio/status", "https://media.example.com/twilio/status")]
    public void IsValidForm_SignedWithoutThePortOfAUrlNotInNormalForm_AcceptsTwiliosSignatureWhichRequestValidatorRefuses(string received, string signedUrl)
    {
        KeyValuePair<string, string>[] form = [new("CallSid", "CA1"), new("CallStatus", "completed")];
        var signature = TwilioSignature.Compute("12345", signedUrl, form);

        Assert.True(TwilioSignature.IsValidForm("12345", received, form, signature));
        Assert.False(new RequestValidator("12345").Validate(received, form.ToDictionary(f => f.Key, f => f.Value), signature));
        Assert.False(TwilioSignature.IsValidForm("54321", received, form, signature));
    }

    [Fact]
    public void IsValidJson_AgreesWithRequestValidatorOnBodyAndSignature()
    {
        var cases =
            from token in Token
            from url in Url
            from body in Gen.Elements("""{"property": "value", "boolean": true}""", "{}", """{"CallSid":"CA1","text":"sí 😀"}""", "[1,2,3]")
            from tamperBody in Gen.Elements(false, true)
            from otherToken in Gen.Elements(false, true)
            select (token, url, body, tamperBody, otherToken);
        var property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(c.body)));
            var url = c.url + (c.url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "bodySHA256=" + hash;
            var signature = TwilioSignature.Compute(c.otherToken ? c.token + "x" : c.token, url, []);
            var received = c.tamperBody ? c.body + " " : c.body;

            var sdk = new RequestValidator(c.token).Validate(url, received, signature);
            var ours = TwilioSignature.IsValidJson(c.token, url, Encoding.UTF8.GetBytes(received), signature);

            return ours == sdk && ours == (!c.tamperBody && !c.otherToken);
        });
        Check.One(Runs, property);
    }

    private enum Forgery
    {
        None,
        OtherToken,
        OtherValue,
        ExtraField,
        OtherPath,
    }

    /// <summary>What a signature is computed over: the genuine token, URL and fields, or one of them changed.</summary>
    private static (string Token, string Url, KeyValuePair<string, string>[] Fields) Forge(Forgery forgery, string token, string url, KeyValuePair<string, string>[] fields) =>
        forgery switch
        {
            Forgery.OtherToken => (token + "!", url, fields),
            Forgery.OtherValue when fields.Length > 0 => (token, url, [.. fields.Skip(1), KeyValuePair.Create(fields[0].Key, fields[0].Value + "0")]),
            Forgery.OtherValue or Forgery.ExtraField => (token, url, [.. fields, KeyValuePair.Create("Injected", "1")]),
            Forgery.OtherPath => (token, url.Replace("://", "://evil.", StringComparison.Ordinal), fields),
            _ => (token, url, fields),
        };
}
