namespace ImAudit.Engine.Matching;

/// <summary>
/// A <c>Resource</c> entry: <c>*</c> or an ARN pattern. ARNs match case-sensitively, segment by segment
/// (a <c>*</c> that ends a segment may run across colons), with policy variables in the resource portion (after the
/// fifth colon) substituted from the context.
/// </summary>
internal sealed class ResourcePattern
{
    private readonly PolicyTemplate _template;
    private readonly Glob? _static;
    private readonly Glob _approximation;

    internal ResourcePattern(string text, bool variablesEnabled)
    {
        Text = text;
        _template = PolicyTemplate.Parse(text, variablesEnabled, ResourcePortion(text));
        var pieces = _template.Resolve(null, out _)!;
        _approximation = Glob.Compile(pieces, GlobOptions.ArnSegments);
        _static = _template.HasVariables ? null : _approximation;
    }

    /// <summary>The pattern <c>*</c>.</summary>
    public static ResourcePattern Everything { get; } = new("*", false);

    public string Text { get; }

    public bool IsEverything => _approximation.IsUniversal;

    public bool HasVariables => _template.HasVariables;

    public IReadOnlyList<string> Variables => _template.Variables;

    /// <summary>
    /// The pattern with every unknown variable read as <c>*</c>: it matches at least what the real pattern can.
    /// </summary>
    internal Glob Approximation => _approximation;

    /// <summary>True when it matches, Unknown when the answer depends on a variable the context does not give.</summary>
    public Tristate Matches(string arn, ContextLookup? context = null)
    {
        if (_static is not null)
            return TristateLogic.From(_static.IsMatch(arn));
        var pieces = _template.Resolve(context, out var unknown);
        if (pieces is null)
            return Tristate.False;
        var matched = Glob.Compile(pieces, GlobOptions.ArnSegments).IsMatch(arn);
        return !matched ? Tristate.False : unknown ? Tristate.Unknown : Tristate.True;
    }

    /// <summary>
    /// Every ARN <paramref name="other"/> can match, this matches too (sound; see <see cref="Glob.Covers"/>).
    /// Variables in <paramref name="other"/> are read as <c>*</c>, which only widens it; a pattern with variables
    /// of its own covers nothing but itself, since its variables may take any value.
    /// </summary>
    public bool Covers(ResourcePattern other) =>
        ReferenceEquals(this, other) || Text == other.Text || (_static is not null && _static.Covers(other._approximation));

    public override string ToString() => Text;

    /// <summary>
    /// Where an ARN's resource portion starts: after its fifth colon (a colon inside <c>${…}</c> does not count).
    /// IAM substitutes policy variables there only ("You can't use a variable to replace parts of the ARN before the
    /// fifth colon, such as the service or account"): before it, <c>${…}</c> is literal text and matches no ARN.
    /// </summary>
    internal static int ResourcePortion(string text)
    {
        if (!text.StartsWith("arn:", StringComparison.Ordinal))
            return 0;
        var colons = 0;
        var inVariable = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (!inVariable && text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
                inVariable = true;
            else if (inVariable && text[i] == '}')
                inVariable = false;
            else if (!inVariable && text[i] == ':' && ++colons == 5)
                return i + 1;
        }
        return text.Length;
    }
}
