namespace CrmRecording.Telephony.Tests;

public sealed class ConsentAnswerTests
{
    [Theory]
    [InlineData("1", null, ConsentAnswerKind.Granted)]
    [InlineData("2", null, ConsentAnswerKind.Declined)]
    [InlineData(" 1 ", null, ConsentAnswerKind.Granted)]
    [InlineData("9", null, ConsentAnswerKind.Unrecognized)]
    [InlineData("*", null, ConsentAnswerKind.Unrecognized)]
    [InlineData("2", "yes", ConsentAnswerKind.Declined)]
    [InlineData("1", "no", ConsentAnswerKind.Granted)]
    public void Parse_Digits_DecideOverSpeech(string digits, string? speech, ConsentAnswerKind expected)
    {
        Assert.Equal(new ConsentAnswer(expected, ConsentAnswerMethod.Keypad), ConsentAnswer.Parse(digits, speech));
    }

    [Theory]
    [InlineData("Yes.", ConsentAnswerKind.Granted)]
    [InlineData("YES!", ConsentAnswerKind.Granted)]
    [InlineData("yeah sure", ConsentAnswerKind.Granted)]
    [InlineData("Okay.", ConsentAnswerKind.Granted)]
    [InlineData("I agree.", ConsentAnswerKind.Granted)]
    [InlineData("Sí.", ConsentAnswerKind.Granted)]
    [InlineData("si", ConsentAnswerKind.Granted)]
    [InlineData("Oui.", ConsentAnswerKind.Granted)]
    [InlineData("Oui, je suis d'accord.", ConsentAnswerKind.Granted)]
    [InlineData("No.", ConsentAnswerKind.Declined)]
    [InlineData("no, I don't agree", ConsentAnswerKind.Declined)]
    [InlineData("I don't agree.", ConsentAnswerKind.Declined)]
    [InlineData("I do not agree", ConsentAnswerKind.Declined)]
    [InlineData("Non.", ConsentAnswerKind.Declined)]
    [InlineData("Non, je ne suis pas d'accord.", ConsentAnswerKind.Declined)]
    [InlineData("No, no acepto.", ConsentAnswerKind.Declined)]
    [InlineData("nope", ConsentAnswerKind.Declined)]
    [InlineData("Yes... no.", ConsentAnswerKind.Unrecognized)]
    [InlineData("yes I don't mind", ConsentAnswerKind.Unrecognized)]
    [InlineData("I don't know.", ConsentAnswerKind.Unrecognized)]
    [InlineData("What?", ConsentAnswerKind.Unrecognized)]
    [InlineData("yesterday", ConsentAnswerKind.Unrecognized)]
    [InlineData("Nobody told me", ConsentAnswerKind.Unrecognized)]
    [InlineData("Disagree", ConsentAnswerKind.Declined)]
    [InlineData("Sure, go ahead.", ConsentAnswerKind.Granted)]
    [InlineData("Yes, that's fine.", ConsentAnswerKind.Granted)]
    [InlineData("I won't agree", ConsentAnswerKind.Declined)]
    [InlineData("I can't accept that", ConsentAnswerKind.Declined)]
    [InlineData("I didn't consent", ConsentAnswerKind.Declined)]
    [InlineData("I wouldn't allow it", ConsentAnswerKind.Declined)]
    [InlineData("Okay, wait, who is this?", ConsentAnswerKind.Unrecognized)]
    [InlineData("Sure... what's this about", ConsentAnswerKind.Unrecognized)]
    [InlineData("yes?", ConsentAnswerKind.Unrecognized)]
    [InlineData("yes yes yes yes yes yes yes yes yes", ConsentAnswerKind.Unrecognized)]
    public void Parse_Speech_MatchesWholeWordsIgnoringCaseAndPunctuation(string speech, ConsentAnswerKind expected)
    {
        Assert.Equal(new ConsentAnswer(expected, ConsentAnswerMethod.Speech), ConsentAnswer.Parse(null, speech));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData("  ", " ")]
    [InlineData(null, "...")]
    public void Parse_NothingGiven_IsNoAnswer(string? digits, string? speech)
    {
        Assert.Equal(new ConsentAnswer(ConsentAnswerKind.NoAnswer, ConsentAnswerMethod.None), ConsentAnswer.Parse(digits, speech));
    }
}
