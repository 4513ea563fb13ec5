using CrmRecording.Emulators.Twilio.Signing;

namespace CrmRecording.Emulators.Tests.Twilio;

/// <summary>The signature algorithm, checked against the example of https://www.twilio.com/docs/usage/security.</summary>
public sealed class TwilioSignatureTests
{
    private static readonly KeyValuePair<string, string>[] DocumentedParameters =
    [
        new("CallSid", "CA1234567890ABCDE"),
        new("Caller", "+12349013030"),
        new("Digits", "1234"),
        new("From", "+12349013030"),
        new("To", "+18005551212"),
    ];

    [Fact]
    public void Compute_TwilioDocumentedExample_MatchesDocumentedSignature()
    {
        var signature = TwilioSignature.Compute("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", DocumentedParameters);

        Assert.Equal("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", signature);
    }

    [Fact]
    public void Compute_ParametersInAnyOrder_SortsThemByName()
    {
        var shuffled = DocumentedParameters.Reverse();

        Assert.Equal("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", TwilioSignature.Compute("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", shuffled));
    }

    [Fact]
    public void IsValid_OneParameterChanged_IsFalse()
    {
        var tampered = DocumentedParameters.Select(p => p.Key == "Digits" ? new KeyValuePair<string, string>("Digits", "1235") : p);

        Assert.False(TwilioSignature.IsValid("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", tampered, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="));
        Assert.True(TwilioSignature.IsValid("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", DocumentedParameters, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="));
    }
}
