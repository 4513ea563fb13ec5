using System.Text;

namespace CrmRecording.Telephony;

/// <summary>
/// The customer's answer from a consent <c>&lt;Gather&gt;</c> callback (its <c>Digits</c> and <c>SpeechResult</c>).
/// A key press decides when present: 1 is yes, 2 is no. Speech is read as whole words, ignoring case and
/// punctuation. A word of refusal makes it a no ("no, I don't agree" is not a yes); a negated agreement ("I don't
/// agree") is a no; a yes mixed with a refusal or a negation ("yes... no", "yes, I don't mind") and anything
/// else ("I don't know") is unrecognized rather than guessed, so it never counts as consent or as a refusal. A yes
/// counts only as a short answer of its own ("yes", "sure, go ahead"): "okay, wait, who is this?" is unrecognized.
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

    /// <summary>Words that turn an agreement into a refusal ("I don't agree", "I won't accept", "je ne suis pas d'accord").</summary>
    private static readonly HashSet<string> Negators = new(StringComparer.Ordinal)
    {
        "not", "dont", "never", "nunca", "pas", "ne", "wont", "cant", "cannot", "didnt", "doesnt", "wouldnt", "shouldnt",
        "isnt", "arent", "aint", "without", "withdraw", "stop", "ni", "tampoco", "jamais", "rather",
    };

    /// <summary>
    /// Words that may stand next to a yes without changing it ("yes, go ahead", "sure, that's fine"). A yes that
    /// comes with any other word ("okay, wait, who is this?") is not clear enough to be consent.
    /// </summary>
    private static readonly HashSet<string> Neutral = new(StringComparer.Ordinal)
    {
        "i", "we", "that", "thats", "its", "it", "is", "fine", "please", "go", "ahead", "you", "can", "may", "record",
        "recording", "recorded", "of", "course", "absolutely", "alright", "all", "right", "totally", "definitely",
        "certainly", "well", "uh", "um", "the", "call", "this", "to", "be", "thank", "thanks", "do", "estoy", "de",
        "acuerdo", "esta", "bien", "por", "favor", "puede", "grabar", "je", "suis", "cest", "bon", "merci", "vous",
        "pouvez", "enregistrer", "daccord",
    };

    /// <summary>Longer answers are not read as consent: a real yes is short.</summary>
    private const int MaxYesWords = 8;

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
        // A yes must be the whole of a short answer: no question, no other words than those that keep a yes a yes.
        var clear = words.Count <= MaxYesWords
            && !speechResult!.Contains('?', StringComparison.Ordinal)
            && words.All(w => Yes.Contains(w) || Agreement.Contains(w) || Neutral.Contains(w));
        var kindFromSpeech = (refuses, plainYes) switch
        {
            (true, true) => ConsentAnswerKind.Unrecognized,
            (true, false) => ConsentAnswerKind.Declined,
            (false, true) => negated || !clear ? ConsentAnswerKind.Unrecognized : ConsentAnswerKind.Granted,
            _ when agrees => negated ? ConsentAnswerKind.Declined : clear ? ConsentAnswerKind.Granted : ConsentAnswerKind.Unrecognized,
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
