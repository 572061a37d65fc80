using System.Reflection;
using ImAudit.Aws.Organizations;
using ImAudit.Engine;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Policies;

namespace ImAudit.Aws.Tests;

/// <summary>
/// The policy of the organization side (management account or delegated administrator): exactly the Organizations
/// calls the collector makes and AssumeRole of the member role, and clean by ImAudit's own rules. The member
/// accounts' own reads stay in imaudit-read-policy.json.
/// </summary>
public sealed class OrganizationPolicyTests
{
    private static readonly string PolicyPath = Path.Combine(AppContext.BaseDirectory, "Fixtures", "imaudit-organization-policy.json");

    private static PolicyDocument Read() => PolicyParser.Parse(File.ReadAllText(PolicyPath), PolicyKind.Identity, "imaudit-organization-policy.json");

    [Fact]
    public void The_organization_policy_grants_exactly_the_organizations_calls_and_assuming_the_member_role()
    {
        var called = typeof(IAmazonOrganizations).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal)).Select(m => $"organizations:{m.Name[..^"Async".Length]}")
            .Append("sts:AssumeRole").Order(StringComparer.Ordinal);

        var granted = Read().Statements.SelectMany(s => s.Actions.Entries).Select(e => e.Text).Order(StringComparer.Ordinal);

        Assert.Equal(called, granted);
        Assert.All(granted, a => Assert.NotNull(IamCatalog.Default.FindAction(a)));
        Assert.Equal("arn:aws:iam::*:role/ImAuditMemberRole", Read().Statements.Single(s => s.Actions.Entries.Any(e => e.Text == "sts:AssumeRole")).Resources!.Entries.Single().Text);
    }

    [Fact]
    public void The_organization_policy_passes_ImAudits_own_rules_at_medium_and_above()
    {
        var result = new PolicyEngine(IamCatalog.Default).CheckPolicy(Read());

        Assert.DoesNotContain(result.Findings, f => f.Severity >= Engine.Findings.Severity.Medium);
    }
}
