namespace ImAudit.Engine.Rules;

/// <summary>What a rule is: a stable ID (never reused), a short name, a title, its default severity and family.</summary>
public sealed record RuleDescriptor(string Id, string Name, string Title, Findings.Severity DefaultSeverity, string Category, string Summary)
{
    /// <summary>The rule's docs page, relative to the repository root.</summary>
    public string DocsPath => $"docs/rules/{Id}.md";
}
