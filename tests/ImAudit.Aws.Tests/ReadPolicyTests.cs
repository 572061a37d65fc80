using System.Reflection;
using ImAudit.Aws.IdentityManagement;
using ImAudit.Aws.SSMContacts;
using ImAudit.Aws.SSMIncidents;
using ImAudit.Engine;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Policies;

namespace ImAudit.Aws.Tests;

/// <summary>The least-privilege policy the README gives users: exactly the calls the collector makes, and clean by ImAudit's own rules.</summary>
public sealed class ReadPolicyTests
{
    private static readonly string PolicyPath = Path.Combine(AppContext.BaseDirectory, "Fixtures", "imaudit-read-policy.json");

    [Fact]
    public void The_read_policy_grants_exactly_the_operations_the_clients_call()
    {
        // GetCallerIdentity needs no permission; every other operation is one IAM action of the same name.
        var called = new (Type Client, string Prefix)[] { (typeof(IAmazonIdentityManagementService), "iam"), (typeof(IAmazonSSMIncidents), "ssm-incidents"), (typeof(IAmazonSSMContacts), "ssm-contacts") }
            .SelectMany(c => c.Client.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal))
                .Select(m => $"{c.Prefix}:{m.Name[..^"Async".Length]}"))
            .Order(StringComparer.Ordinal);
        var policy = PolicyParser.Parse(File.ReadAllText(PolicyPath), PolicyKind.Identity, "imaudit-read-policy.json");

        var granted = policy.Statements.SelectMany(s => s.Actions.Entries).Select(e => e.Text).Order(StringComparer.Ordinal);

        Assert.Equal(called, granted);
        Assert.All(granted, a => Assert.NotNull(IamCatalog.Default.FindAction(a)));
    }

    [Fact]
    public void The_read_policy_passes_ImAudits_own_rules_at_medium_and_above()
    {
        var result = new PolicyEngine(IamCatalog.Default).CheckPolicy(PolicyParser.Parse(File.ReadAllText(PolicyPath), PolicyKind.Identity, "imaudit-read-policy.json"));

        Assert.DoesNotContain(result.Findings, f => f.Severity >= Engine.Findings.Severity.Medium);
    }
}
