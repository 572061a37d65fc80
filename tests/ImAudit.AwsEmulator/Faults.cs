using System.Collections.Concurrent;

namespace ImAudit.AwsEmulator;

public enum FaultKind
{
    /// <summary>HTTP 400/429 with the service's throttling error.</summary>
    Throttle,

    /// <summary>HTTP 500 (or the given status) with an internal error.</summary>
    ServerError,

    /// <summary>HTTP 400/403 AccessDenied for the matching resource.</summary>
    AccessDenied,

    /// <summary>The answer is delayed by <see cref="FaultRule.Delay"/>.</summary>
    Latency,

    /// <summary>The body is cut short of its Content-Length (the connection then closes).</summary>
    Truncate,
}

/// <summary>
/// A fault to inject: for a service (<c>iam</c>, <c>ssm-incidents</c>, …), optionally one operation and one
/// resource (ARN or name the request names), <see cref="Count"/> times (or always when null).
/// </summary>
public sealed record FaultRule(string Service, string? Operation, string? Resource, FaultKind Kind, int? Count = null, TimeSpan? Delay = null)
{
    /// <summary>Reads <c>service[:operation[:resource]]=kind[*count]</c>, e.g. <c>ssm-contacts:GetContactPolicy=AccessDenied</c>.</summary>
    public static FaultRule Parse(string text)
    {
        var (target, effect) = text.Split('=', 2) is [var t, var e] ? (t, e) : throw new FormatException($"fault `{text}` is not `service[:operation[:resource]]=kind[*count]`");
        var parts = target.Split(':', 3);
        var (kindText, count) = effect.Split('*', 2) is [var k, var n] ? (k, (int?)int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)) : (effect, null);
        var kind = Enum.TryParse<FaultKind>(kindText, ignoreCase: true, out var parsed) ? parsed : throw new FormatException($"unknown fault kind `{kindText}`");
        return new FaultRule(parts[0], parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null, parts.Length > 2 ? parts[2] : null, kind, count,
            kind == FaultKind.Latency ? TimeSpan.FromSeconds(2) : null);
    }
}

/// <summary>The faults in force; thread-safe, counted down as they fire.</summary>
public sealed class FaultInjector
{
    private readonly ConcurrentDictionary<FaultRule, int> _rules = new();

    public void Add(FaultRule rule) => _rules[rule] = rule.Count ?? int.MaxValue;

    public void Clear() => _rules.Clear();

    /// <summary>The first rule matching the request that has firings left (one firing is used).</summary>
    public FaultRule? Take(string service, string operation, IReadOnlyCollection<string> resources)
    {
        foreach (var (rule, left) in _rules)
        {
            if (rule.Service != service || (rule.Operation is not null && rule.Operation != operation)
                || (rule.Resource is not null && !resources.Contains(rule.Resource)) || left <= 0)
                continue;
            if (_rules.TryUpdate(rule, left == int.MaxValue ? left : left - 1, left))
                return rule;
        }
        return null;
    }
}
