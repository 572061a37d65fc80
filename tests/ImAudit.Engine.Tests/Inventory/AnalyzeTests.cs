using ImAudit.Engine.Catalog;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Inventory;

namespace ImAudit.Engine.Tests.Inventory;

public class AnalyzeTests
{
    [Fact]
    public void Cloudsplaining_example_account_is_analysed_completely()
    {
        var inventory = AuthorizationDetailsImporter.Import(Fixture.Bytes("authorization-details/example.json"), "example.json").Inventory!;

        var (result, context) = new PolicyEngine(IamCatalog.Default).Analyze(inventory);

        Assert.Empty(result.Failures);
        Assert.Equal(inventory.Users.Length + inventory.Roles.Length, context.Principals.Count);
        // ReadOnlyAccess reaches ssm-contacts reads that AWSIncidentManagerResolverAccess lacks: read-only excess, low.
        var readOnly = context.Principals.Where(p => p.Principal.Attachments.Any(a => a.PolicyName == "ReadOnlyAccess")).ToList();
        Assert.NotEmpty(readOnly);
        Assert.All(readOnly, p => Assert.Contains(result.Findings, f => f.RuleId == "IMA301" && f.Resource == p.Principal.Arn));
        Assert.All(result.Findings.Where(f => f.RuleId == "IMA301" && readOnly.Any(p => p.Principal.Arn == f.Resource) && !HasOtherPolicies(context, f.Resource)),
            f => Assert.Equal(Severity.Low, f.Severity));
    }

    private static bool HasOtherPolicies(ImAudit.Engine.Rules.AccountContext context, string arn) =>
        context.Principals.Single(p => p.Principal.Arn == arn).Principal.Identity.Length > 1;
}
