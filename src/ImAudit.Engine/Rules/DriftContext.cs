using ImAudit.Engine.Access;
using ImAudit.Engine.Evaluation;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Rules;

/// <summary>Two runs of one account: the previous one (from its snapshot) and this one, each fully resolved.</summary>
public sealed class DriftContext(AccountContext previous, AccountContext current)
{
    public AccountContext Previous { get; } = previous;

    public AccountContext Current { get; } = current;

    /// <summary>The Incident Manager access one document gives on its own (allows less its unconditional denies).</summary>
    internal EffectiveAccess AccessOf(PolicyDocument document) =>
        AccessCalculator.Compute(Current.Catalog, new PolicySet([document]), null, Current.Memo);

    /// <summary>Actions <paramref name="after"/> allows that <paramref name="before"/> did not (on some resource), and the reverse.</summary>
    internal static (IReadOnlyList<ActionExcess> Added, IReadOnlyList<ActionExcess> Removed) Change(EffectiveAccess before, EffectiveAccess after) =>
        (AccessComparer.Compare(after, before, "before").Excess, AccessComparer.Compare(before, after, "after").Excess);

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
