using ImAudit.Engine.Access;
using ImAudit.Engine.Evaluation;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Rules;

/// <summary>Two runs of one account: the previous one (from its snapshot) and this one, each fully resolved.</summary>
internal sealed class DriftContext(AccountContext previous, AccountContext current)
{
    public AccountContext Previous { get; } = previous;

    public AccountContext Current { get; } = current;

    /// <summary>The Incident Manager access one document gives on its own (allows less its unconditional denies).</summary>
    internal EffectiveAccess AccessOf(PolicyDocument document) =>
        AccessCalculator.Compute(Current.Catalog, new PolicySet([document]), null, Current.Memo.Access);

    /// <summary>The Incident Manager access a managed policy gives, as one account knows it (or ImAudit's copy of an AWS managed policy).</summary>
    internal EffectiveAccess? AccessOfPolicy(AccountContext account, string policyArn)
    {
        var text = account.Inventory.FindPolicy(policyArn)?.DefaultVersion?.Document
            ?? (ManagedPolicies.ManagedPolicyLibrary.NameOf(policyArn) is { } name ? ManagedPolicies.ManagedPolicyLibrary.Default(name)?.DocumentJson : null);
        return text is null ? null : AccessOf(Current.Documents.Parse(text, PolicyKind.Identity, policyArn));
    }

    /// <summary>Actions <paramref name="after"/> allows that <paramref name="before"/> did not (on some resource), and the reverse.</summary>
    internal static (IReadOnlyList<ActionExcess> Added, IReadOnlyList<ActionExcess> Removed) Change(EffectiveAccess before, EffectiveAccess after) =>
        (AccessComparer.Compare(after, before, "before").Excess, AccessComparer.Compare(before, after, "after").Excess);

    // Documents compare by content, not layout: the previous one comes back from a snapshot, re-serialised. One that
    // is not JSON, or escapes a lone surrogate (no writer takes it back), compares as its text.
    internal static string Canonical(string text)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(text);
            using var buffer = new MemoryStream();
            using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
                document.RootElement.WriteTo(writer);
            return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return text;
        }
    }

    /// <summary>"adds `a`, `b` and 3 more; removes `c`", or <paramref name="unchanged"/> when nothing was added or removed.</summary>
    internal static string Describe(IReadOnlyList<ActionExcess> added, IReadOnlyList<ActionExcess> removed, string unchanged)
    {
        static string Some(string verb, IReadOnlyList<ActionExcess> actions) =>
            $"{verb} {string.Join(", ", actions.Take(3).Select(a => $"`{a.Action.FullName}`"))}{(actions.Count > 3 ? $" and {actions.Count - 3} more" : "")}";
        var parts = new[] { added.Count > 0 ? Some("adds", added) : null, removed.Count > 0 ? Some("removes", removed) : null }.OfType<string>().ToList();
        return parts.Count == 0 ? unchanged : string.Join("; ", parts);
    }

    /// <summary>High for added write or permissions-management access, medium for tagging, low for read and list.</summary>
    internal static Severity Widest(IEnumerable<ActionExcess> added, Severity none) =>
        added.Select(a => a.Action.AccessLevel).DefaultIfEmpty().Max() switch
        {
            _ when !added.Any() => none,
            Catalog.AccessLevel.PermissionsManagement or Catalog.AccessLevel.Write => Severity.High,
            Catalog.AccessLevel.Tagging => Severity.Medium,
            _ => Severity.Low,
        };
}

/// <summary>A rule that judges what changed between two runs (IMA6xx). Runs only when there is a previous snapshot.</summary>
internal interface IDriftRule
{
    RuleDescriptor Descriptor { get; }

    IEnumerable<Finding> Run(DriftContext context);
}
