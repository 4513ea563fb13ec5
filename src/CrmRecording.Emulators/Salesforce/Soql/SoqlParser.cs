using System.Globalization;
using System.Text;
using CrmRecording.Emulators.Salesforce.Http;

namespace CrmRecording.Emulators.Salesforce.Soql;

/// <summary>
/// Parses the SOQL subset of <see cref="SoqlQuery"/>. Anything outside it (ORDER BY, OR, LIKE, aggregate functions,
/// a subquery in the field list, nested semi-joins...) is refused with <c>MALFORMED_QUERY</c>, as Salesforce refuses
/// a query it cannot parse, so a client that sends something new fails here first rather than in an org.
/// </summary>
internal sealed class SoqlParser
{
    private readonly List<string> tokens;
    private int at;

    private SoqlParser(List<string> tokens) => this.tokens = tokens;

    public static SoqlQuery Parse(string soql)
    {
        var parser = new SoqlParser(Tokenize(soql));
        var query = parser.Query(allowSemiJoin: true);
        if (parser.Peek() is { } extra)
        {
            throw ApiError.MalformedQuery($"unexpected token: '{extra}'");
        }

        return query;
    }

    private SoqlQuery Query(bool allowSemiJoin)
    {
        Expect("SELECT");
        var fields = new List<string> { Identifier() };
        while (Accept(","))
        {
            fields.Add(Identifier());
        }

        Expect("FROM");
        var from = Identifier();
        if (from.Contains('.', StringComparison.Ordinal))
        {
            throw ApiError.MalformedQuery($"unexpected token: '{from}'");
        }

        var where = new List<SoqlCondition>();
        if (Accept("WHERE"))
        {
            where.Add(Condition(allowSemiJoin));
            while (Accept("AND"))
            {
                where.Add(Condition(allowSemiJoin));
            }
        }

        int? limit = null;
        if (Accept("LIMIT"))
        {
            var text = Next();
            limit = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw ApiError.MalformedQuery($"LIMIT must be a positive integer: '{text}'");
        }

        return new SoqlQuery(fields, from, where, limit);
    }

    private SoqlCondition Condition(bool allowSemiJoin)
    {
        var field = Identifier();
        if (Accept("="))
        {
            return new EqualsCondition(field, Literal());
        }

        Expect("IN");
        Expect("(");
        if (Peek() is { } next && next.Equals("SELECT", StringComparison.OrdinalIgnoreCase))
        {
            if (!allowSemiJoin)
            {
                throw ApiError.MalformedQuery("Nesting of semi join sub-selects is not supported");
            }

            var inner = Query(allowSemiJoin: false);
            Expect(")");
            if (inner.Fields.Count != 1)
            {
                throw ApiError.MalformedQuery("a semi join sub-select selects exactly one field");
            }

            return new SemiJoinCondition(field, inner);
        }

        var values = new List<object?> { Literal() };
        while (Accept(","))
        {
            values.Add(Literal());
        }

        Expect(")");
        return new InListCondition(field, values);
    }

    private object? Literal()
    {
        var token = Next();
        if (token.StartsWith('\''))
        {
            return token[1..];
        }

        return token.ToUpperInvariant() switch
        {
            "TRUE" => true,
            "FALSE" => false,
            "NULL" => null,
            _ => throw ApiError.MalformedQuery($"unexpected token: '{token}'"),
        };
    }

    private string Identifier()
    {
        var token = Next();
        var valid = token.Length > 0 && char.IsAsciiLetter(token[0])
            && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.')
            && !IsKeyword(token);
        return valid ? token : throw ApiError.MalformedQuery($"unexpected token: '{token}'");
    }

    private static bool IsKeyword(string token) =>
        token.ToUpperInvariant() is "SELECT" or "FROM" or "WHERE" or "AND" or "OR" or "IN" or "LIMIT" or "ORDER" or "BY" or "NOT" or "LIKE" or "GROUP";

    private void Expect(string keyword)
    {
        var token = Next();
        if (!token.Equals(keyword, StringComparison.OrdinalIgnoreCase))
        {
            throw ApiError.MalformedQuery($"expecting '{keyword}', unexpected token: '{token}'");
        }
    }

    private bool Accept(string keyword)
    {
        if (Peek() is { } token && token.Equals(keyword, StringComparison.OrdinalIgnoreCase))
        {
            at++;
            return true;
        }

        return false;
    }

    private string? Peek() => at < tokens.Count ? tokens[at] : null;

    private string Next() => at < tokens.Count ? tokens[at++] : throw ApiError.MalformedQuery("unexpected end of query");

    /// <summary>Words, the punctuation <c>, ( ) =</c>, and quoted strings (kept with a leading quote, escapes resolved).</summary>
    private static List<string> Tokenize(string soql)
    {
        var tokens = new List<string>();
        for (var i = 0; i < soql.Length;)
        {
            var c = soql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is ',' or '(' or ')' or '=')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c == '\'')
            {
                var text = new StringBuilder("'");
                for (i++; ; i++)
                {
                    if (i >= soql.Length)
                    {
                        throw ApiError.MalformedQuery("unterminated string literal");
                    }

                    if (soql[i] == '\\' && i + 1 < soql.Length)
                    {
                        text.Append(soql[++i]);
                    }
                    else if (soql[i] == '\'')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        text.Append(soql[i]);
                    }
                }

                tokens.Add(text.ToString());
            }
            else if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.')
            {
                var start = i;
                while (i < soql.Length && (char.IsAsciiLetterOrDigit(soql[i]) || soql[i] is '_' or '.'))
                {
                    i++;
                }

                tokens.Add(soql[start..i]);
            }
            else
            {
                throw ApiError.MalformedQuery($"unexpected token: '{c}'");
            }
        }

        return tokens;
    }
}
