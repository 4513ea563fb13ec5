using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmRecording.Emulators.Dataverse.Store;

namespace CrmRecording.Emulators.Dataverse.Http;

/// <summary>
/// The <c>$filter</c> subset the stand-in understands: comparisons <c>column eq|ne literal</c> joined all by
/// <c>and</c> or all by <c>or</c>, optionally in parentheses. Literals are <c>'text'</c> (with <c>''</c> for a quote), GUIDs,
/// <c>true</c>, <c>false</c>, <c>null</c> and numbers. Text compares case-insensitively, as Dataverse's
/// default collation does. Anything else is answered with a Dataverse-shaped 400 naming what is missing.
/// </summary>
internal sealed class FilterExpression
{
    private readonly IReadOnlyList<Comparison> comparisons;
    private readonly bool any;

    private FilterExpression(IReadOnlyList<Comparison> comparisons, bool any)
    {
        this.comparisons = comparisons;
        this.any = any;
    }

    public static FilterExpression Parse(string text)
    {
        var tokens = Tokenize(text);
        var comparisons = new List<Comparison>();
        var position = 0;
        string? connective = null;
        while (position < tokens.Count)
        {
            if (tokens.Count - position < 3)
            {
                throw Unsupported(text);
            }

            var (property, op, literal) = (tokens[position], tokens[position + 1], tokens[position + 2]);
            if (op is not ("eq" or "ne"))
            {
                throw Unsupported(text);
            }

            comparisons.Add(new Comparison(property, op == "ne", ParseLiteral(literal, text)));
            position += 3;
            if (position < tokens.Count)
            {
                if (tokens[position] is not ("and" or "or") || (connective is not null && connective != tokens[position]))
                {
                    throw Unsupported(text);
                }

                connective = tokens[position];
                position++;
            }
        }

        return comparisons.Count == 0 ? throw Unsupported(text) : new FilterExpression(comparisons, connective == "or");
    }

    public bool Matches(JsonObject row)
    {
        // "key eq id or key eq id ...": one lookup per row instead of a parse per id.
        if (any && (idsOf ??= IdsOf(comparisons)) is var (property, ids) && property is not null)
        {
            return row[property] is JsonValue value && value.TryGetValue<string>(out var text) && Guid.TryParse(text, out var id) && ids.Contains(id);
        }

        return any ? comparisons.Any(c => c.Matches(row)) : comparisons.All(c => c.Matches(row));
    }

    private (string? Property, HashSet<Guid> Ids)? idsOf;

    private static (string? Property, HashSet<Guid> Ids) IdsOf(IReadOnlyList<Comparison> comparisons) =>
        comparisons.All(c => !c.Negated && c.Literal.Kind == LiteralKind.Guid && c.Property == comparisons[0].Property)
            ? (comparisons[0].Property, [.. comparisons.Select(c => c.Literal.Id!.Value)])
            : (null, []);

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'')
            {
                current.Append(c);
                for (i++; i < text.Length; i++)
                {
                    current.Append(text[i]);
                    if (text[i] == '\'')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '\'')
                        {
                            current.Append('\'');
                            i++;
                            continue;
                        }

                        break;
                    }
                }
            }
            else if (char.IsWhiteSpace(c) || c is '(' or ')')
            {
                Flush(tokens, current);
            }
            else
            {
                current.Append(c);
            }
        }

        Flush(tokens, current);
        return tokens;
    }

    private static void Flush(List<string> tokens, StringBuilder current)
    {
        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
            current.Clear();
        }
    }

    private static Literal ParseLiteral(string token, string filter)
    {
        if (token.Length >= 2 && token[0] == '\'' && token[^1] == '\'')
        {
            return new Literal(LiteralKind.Text, token[1..^1].Replace("''", "'", StringComparison.Ordinal), null);
        }

        if (Guid.TryParseExact(token, "D", out var id))
        {
            return new Literal(LiteralKind.Guid, null, id);
        }

        return token switch
        {
            "null" => new Literal(LiteralKind.Null, null, null),
            "true" or "false" => new Literal(LiteralKind.Boolean, token, null),
            _ when decimal.TryParse(token, NumberStyles.Number, CultureInfo.InvariantCulture, out _) => new Literal(LiteralKind.Number, token, null),
            _ => throw Unsupported(filter),
        };
    }

    private static WebApiErrorException Unsupported(string filter) =>
        new(WebApiError.NotImplemented($"the $filter '{filter}' (it understands 'column eq|ne literal' joined all by 'and' or all by 'or')"));

    private enum LiteralKind
    {
        Text,
        Guid,
        Boolean,
        Number,
        Null,
    }

    private sealed record Literal(LiteralKind Kind, string? Text, Guid? Id);

    private sealed record Comparison(string Property, bool Negated, Literal Literal)
    {
        public bool Matches(JsonObject row) => Equal(row[Property]) != Negated;

        private bool Equal(JsonNode? node)
        {
            if (node is not JsonValue value || value.GetValueKind() == JsonValueKind.Null)
            {
                return Literal.Kind == LiteralKind.Null;
            }

            return Literal.Kind switch
            {
                LiteralKind.Null => false,
                LiteralKind.Guid => value.TryGetValue<string>(out var s) && Guid.TryParse(s, out var g) && g == Literal.Id,
                LiteralKind.Text => value.TryGetValue<string>(out var t) && string.Equals(t, Literal.Text, StringComparison.OrdinalIgnoreCase),
                LiteralKind.Boolean => value.GetValueKind() == (Literal.Text == "true" ? JsonValueKind.True : JsonValueKind.False),
                LiteralKind.Number => RowColumns.TryGetNumber(value, out var n)
                    && n == decimal.Parse(Literal.Text!, CultureInfo.InvariantCulture),
                _ => false,
            };
        }
    }
}
