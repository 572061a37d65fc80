using System.Collections.Immutable;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Principals;
using static ImAudit.Engine.MessageText;

namespace ImAudit.Engine.Reports;

/// <summary>
/// What the audit assumed or could not look at because of what the input is, as against what failed (a
/// <see cref="CoverageGap"/>). A note never makes the audit incomplete: the choice is written in docs/report.md.
/// </summary>
public sealed record ScopeNote(string Kind, string Subject, string Detail)
{
    /// <summary>An AWS managed policy the input names without its document, audited from ImAudit's copy.</summary>
    public const string AssumedPolicy = "assumed-policy";

    /// <summary>A kind of resource the input cannot contain (an IAM export holds no Incident Manager resources).</summary>
    public const string NotInInput = "not-in-input";

    /// <summary>The subject of the note that Incident Manager's own resources were not in the input.</summary>
    public const string IncidentManagerResources = "incident-manager-resources";

    internal static ImmutableArray<ScopeNote> For(AccountInventory inventory, IEnumerable<PrincipalPolicies> principals)
    {
        var notes = principals.SelectMany(p => p.AssumedPolicies).DistinctBy(a => a.Arn).OrderBy(a => a.Arn, StringComparer.Ordinal)
            .Select(a => new ScopeNote(AssumedPolicy, a.Arn,
                $"`{Inline(a.Version.PolicyName)}`: document not in the input; audited from ImAudit's copy, {a.Version.Describe()}{(a.Arn.StartsWith("arn:aws:", StringComparison.Ordinal) ? "" : " (the `aws` partition's)")}"))
            .ToList();
        if (!inventory.HoldsIncidentManager)
            notes.Add(new ScopeNote(NotInInput, IncidentManagerResources,
                "Incident Manager resources: not in this input (response plans, contacts, the replication set and their resource policies were not audited)"));
        return [.. notes];
    }
}
