namespace ImAudit.Engine.Policies;

public enum DiagnosticSeverity
{
    Error,
    Warning,
}

/// <summary>Where something is in a policy document: a JSON Pointer, and line/column when parsed from text.</summary>
public sealed record SourceLocation(string Pointer, int? Line = null, int? Column = null)
{
    public override string ToString() => Line is null ? Pointer : $"{Line}:{Column} ({Pointer})";
}

/// <summary>Bad input found while reading a policy. <see cref="Code"/> is stable; messages are one line.</summary>
public sealed record PolicyDiagnostic(string Code, DiagnosticSeverity Severity, string Message, SourceLocation Location);

/// <summary>The stable diagnostic codes. Never reuse or rename one: reports and suppressions key on them.</summary>
internal static class DiagnosticCodes
{
    public const string JsonSyntax = "json-syntax";
    public const string InvalidUtf8 = "invalid-utf8";
    public const string InvalidUrlEncoding = "invalid-url-encoding";
    public const string TooLarge = "too-large";
    public const string TooDeep = "too-deep";
    public const string DuplicateKey = "duplicate-key";
    public const string NotAnObject = "not-an-object";
    public const string UnknownElement = "unknown-element";
    public const string MissingStatement = "missing-statement";
    public const string EmptyStatement = "empty-statement";
    public const string BadVersion = "bad-version";
    public const string MissingVersion = "missing-version";
    public const string WrongType = "wrong-type";
    public const string EmptyValue = "empty-value";
    public const string MissingEffect = "missing-effect";
    public const string BadEffect = "bad-effect";
    public const string ActionAndNotAction = "action-and-notaction";
    public const string MissingAction = "missing-action";
    public const string BadAction = "bad-action";
    public const string ResourceAndNotResource = "resource-and-notresource";
    public const string MissingResource = "missing-resource";
    public const string BadResource = "bad-resource";
    public const string PrincipalInIdentityPolicy = "principal-in-identity-policy";
    public const string MissingPrincipal = "missing-principal";
    public const string PrincipalAndNotPrincipal = "principal-and-notprincipal";
    public const string BadPrincipal = "bad-principal";
    public const string UnknownConditionOperator = "unknown-condition-operator";
    public const string BadCondition = "bad-condition";
    public const string DuplicateSid = "duplicate-sid";
    public const string ActionWhitespace = "action-whitespace";
}
