namespace ImAudit.Engine.Findings;

/// <summary>Finding severities, in increasing order.</summary>
public enum Severity
{
    Info,
    Low,
    Medium,
    High,
    Critical,
}

public static class SeverityNames
{
    public static string Name(this Severity severity) => severity.ToString().ToLowerInvariant();

    public static Severity? Parse(string text) => text.ToLowerInvariant() switch
    {
        "info" => Severity.Info,
        "low" => Severity.Low,
        "medium" => Severity.Medium,
        "high" => Severity.High,
        "critical" => Severity.Critical,
        _ => null,
    };
}
