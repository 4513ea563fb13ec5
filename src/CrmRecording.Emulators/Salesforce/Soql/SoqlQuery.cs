namespace CrmRecording.Emulators.Salesforce.Soql;

/// <summary>
/// The SOQL subset the product's client sends: <c>SELECT f, r.f FROM Object [WHERE c AND c ...] [LIMIT n]</c>, where a
/// condition is <c>field = literal</c>, <c>field IN (literal, ...)</c> or a semi-join
/// <c>field IN (SELECT field FROM Object WHERE ...)</c>.
/// </summary>
internal sealed record SoqlQuery(IReadOnlyList<string> Fields, string From, IReadOnlyList<SoqlCondition> Where, int? Limit);

internal abstract record SoqlCondition(string Field);

internal sealed record EqualsCondition(string Field, object? Value) : SoqlCondition(Field);

internal sealed record InListCondition(string Field, IReadOnlyList<object?> Values) : SoqlCondition(Field);

internal sealed record SemiJoinCondition(string Field, SoqlQuery Inner) : SoqlCondition(Field);
