using ImAudit.Engine.Policies;
using ImAudit.Engine.Principals;

namespace ImAudit.Engine.Rules.ServiceRoles;

/// <summary>The trust-policy statements that let Incident Manager assume a role.</summary>
internal static class RunbookTrust
{
    public static IEnumerable<Statement> IncidentManagerStatements(PolicyDocument? trust) =>
        trust is null
            ? []
            : trust.Statements.Where(s => s.Effect == Effect.Allow
                && s.Principal is { IsNot: false } p && p.Entries.Any(e => e.Type == "Service" && e.Value == BaselineAssignment.IncidentManagerService)
                && s.Actions.Entries.Any(a => a.Pattern.Matches("sts:AssumeRole")) != s.Actions.IsNot);

    public static bool IsOwnAccount(string arn, string account) => Arn.Parse(arn)?.Account == account;
}
