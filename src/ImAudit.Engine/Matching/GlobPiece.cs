namespace ImAudit.Engine.Matching;

/// <summary>
/// A piece of a pattern before compilation: either text whose <c>*</c> and <c>?</c> are wildcards, or text that
/// is literal throughout (a substituted policy-variable value, or an escape such as <c>${*}</c>).
/// </summary>
internal readonly record struct GlobPiece(string Text, bool Literal, bool Name = false)
{
    public static GlobPiece Pattern(string text) => new(text, false);

    public static GlobPiece Exact(string text) => new(text, true);

    /// <summary>A resource name in an ARN format (<c>${ResponsePlan}</c>): one or more characters, no <c>/</c> or <c>:</c>.</summary>
    public static GlobPiece NamePlaceholder() => new("", false, true);
}

[Flags]
internal enum GlobOptions
{
    None = 0,
    IgnoreCase = 1,

    /// <summary>
    /// ARN rules: a <c>*</c> that ends a colon-separated segment may match across colons; a <c>*</c> inside a
    /// segment stops at a colon.
    /// </summary>
    ArnSegments = 2,
}
