using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Matching;

/// <summary>
/// An <c>Action</c> entry such as <c>ssm-incidents:Get*</c> or <c>*</c>. Action names are case-insensitive;
/// wildcards may stand in the service prefix too (<c>ssm*:*</c>).
/// </summary>
internal sealed class ActionPattern
{
    private readonly Glob _service;
    private readonly Glob _name;

    private ActionPattern(string text, string service, string name)
    {
        Text = text;
        Service = service;
        Name = name;
        _service = Glob.Compile(service, GlobOptions.IgnoreCase);
        _name = Glob.Compile(name, GlobOptions.IgnoreCase);
    }

    public string Text { get; }

    /// <summary>The part before the colon (<c>*</c> for the bare <c>*</c> pattern).</summary>
    public string Service { get; }

    public string Name { get; }

    public bool ServiceHasWildcard => !_service.IsLiteral;

    public bool NameHasWildcard => !_name.IsLiteral;

    public bool NameIsEverything => _name.IsUniversal;

    public bool IsEverything => _service.IsUniversal && _name.IsUniversal;

    public static ActionPattern? TryParse(string text, out string? error)
    {
        error = null;
        if (text == "*")
            return new ActionPattern(text, "*", "*");
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1 || text.IndexOf(':', colon + 1) >= 0)
        {
            error = $"`{MessageText.Inline(text)}` is not an action; write `service:Action` or `*`";
            return null;
        }
        var service = text[..colon];
        var name = text[(colon + 1)..];
        if (!service.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '*' or '?')
            || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '*' or '?'))
        {
            error = $"`{MessageText.Inline(text)}` has characters no action name has";
            return null;
        }
        return new ActionPattern(text, service, name);
    }

    public bool MatchesService(string servicePrefix) => _service.IsMatch(servicePrefix);

    public bool MatchesName(string actionName) => _name.IsMatch(actionName);

    public bool Matches(string servicePrefix, string actionName) =>
        _service.IsMatch(servicePrefix) && _name.IsMatch(actionName);

    public bool Matches(string fullAction)
    {
        var colon = fullAction.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && _service.IsMatch(fullAction.AsSpan(0, colon)) && _name.IsMatch(fullAction.AsSpan(colon + 1));
    }

    public override string ToString() => Text;
}
