using System.Text;

namespace CrmRecording.Telephony;

/// <summary>
/// The customer's answer from a consent <c>&lt;Gather&gt;</c> callback (its <c>Digits</c> and <c>SpeechResult</c>).
/// A key press decides when present: 1 is yes, 2 is no. Speech is read as whole words, ignoring case and
/// punctuation. A word of refusal makes it a no ("no, I don't agree" is not a yes); a negated agreement ("I don't
/// agree") is a no; a yes mixed with a refusal or a negation ("yes... no", "yes, I don't mind") and anything
/// else ("I don't know") is unrecognized rather than guessed, so it never counts as consent or as a refusal.
/// </summary>
public readonly record struct ConsentAnswer(ConsentAnswerKind Kind, ConsentAnswerMethod Method)
{
    private static readonly HashSet<string> Yes = new(StringComparer.Ordinal)
    {
        "yes", "yeah", "yep", "yup", "ok", "okay", "sure", "si", "sí", "oui", "ouais", "claro", "vale",
    };

    /// <summary>Words that are a yes only when nothing in the answer negates them.</summary>
    private static readonly HashSet<string> Agreement = new(StringComparer.Ordinal)
    {
        "agree", "accept", "consent", "allow", "acepto", "accepte", "daccord", "permito",
    };

    /// <summary>Words that refuse on their own.</summary>
    private static readonly HashSet<string> No = new(StringComparer.Ordinal)
    {
        "no", "nope", "nah", "non", "disagree", "decline", "refuse", "negative",
    };

    /// <summary>Words that turn an agreement into a refusal ("I don't agree", "je ne suis pas d'accord").</summary>
    private static readonly HashSet<string> Negators = new(StringComparer.Ordinal)
    {
        "not", "dont", "never", "nunca", "pas", "ne",
    };

    public static ConsentAnswer Parse(string? digits, string? speechResult)
    {
        var keys = digits?.Trim();
        if (!string.IsNullOrEmpty(keys))
        {
            var kind = keys switch
            {
                "1" => ConsentAnswerKind.Granted,
                "2" => ConsentAnswerKind.Declined,
                _ => ConsentAnswerKind.Unrecognized,
            };
            return new ConsentAnswer(kind, ConsentAnswerMethod.Keypad);
        }

        var words = Words(speechResult);
        if (words.Count == 0)
        {
            return new ConsentAnswer(ConsentAnswerKind.NoAnswer, ConsentAnswerMethod.None);
        }

        var refuses = words.Any(No.Contains);
        var plainYes = words.Any(Yes.Contains);
        var negated = words.Any(Negators.Contains);
        var agrees = words.Any(Agreement.Contains);
        var kindFromSpeech = (refuses, plainYes) switch
        {
            (true, true) => ConsentAnswerKind.Unrecognized,
            (true, false) => ConsentAnswerKind.Declined,
            (false, true) => negated ? ConsentAnswerKind.Unrecognized : ConsentAnswerKind.Granted,
            _ when agrees => negated ? ConsentAnswerKind.Declined : ConsentAnswerKind.Granted,
            _ => ConsentAnswerKind.Unrecognized,
        };
        return new ConsentAnswer(kindFromSpeech, ConsentAnswerMethod.Speech);
    }

    /// <summary>Lower-case words; apostrophes are dropped inside words ("don't" is "dont", "d'accord" is "daccord").</summary>
    private static List<string> Words(string? speech)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in speech ?? string.Empty)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (c is '\'' or '\u2019')
            {
                continue;
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
