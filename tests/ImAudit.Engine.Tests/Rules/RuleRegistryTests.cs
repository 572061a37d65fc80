using ImAudit.Engine.Inventory;
using System.Reflection;
using System.Text.RegularExpressions;
using ImAudit.Engine.Rules;

namespace ImAudit.Engine.Tests.Rules;

/// <summary>Every rule is registered once, with a unique stable ID, a docs page and a test class that makes it fire and not fire.</summary>
public class RuleRegistryTests
{
    [Fact]
    public void Ids_are_unique_well_formed_and_declared_in_rule_ids()
    {
        var ids = RuleRegistry.All.Select(r => r.Id).ToList();
        var declared = typeof(RuleIds).GetFields().Select(f => (string)f.GetValue(null)!).Order().ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^IMA[1-7][0-9]{2}$", id));
        Assert.Equal(declared, ids);
    }

    [Fact]
    public void Every_rule_has_a_docs_page_with_bad_and_fixed_policies()
    {
        foreach (var rule in RuleRegistry.All)
        {
            var page = Path.Combine(Fixture.RepositoryRoot, rule.DocsPath);
            Assert.True(File.Exists(page), $"{rule.Id} has no docs page at {rule.DocsPath}");
            var text = File.ReadAllText(page);
            Assert.StartsWith($"# {rule.Id} {rule.Name}", text, StringComparison.Ordinal);
            Assert.Contains("## Bad", text, StringComparison.Ordinal);
            Assert.Contains("## Fixed", text, StringComparison.Ordinal);
            Assert.Contains($"[{rule.Id}]({rule.Id}.md)", File.ReadAllText(Path.Combine(Fixture.RepositoryRoot, "docs/rules/README.md")), StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The convention, checked by running it: a rule's test class <c>{RuleType}Tests</c> runs the rule through the
    /// harnesses (<see cref="RuleHarness.Run"/>, <see cref="AccountHarness.Run"/>, <see cref="AccountHarness.DriftBetween"/>,
    /// <see cref="OrganizationHarness.Run(string, IReadOnlyList{Engine.Inventory.AccountInventory}, Engine.Inventory.Organization?)"/>),
    /// which record each run in <see cref="RuleRuns"/>; every test case of the class is run here (each Theory row),
    /// each must pass, and among them the rule must yield a finding at least once and no finding at least once.
    /// </summary>
    [Fact]
    public void Every_rule_has_a_test_class_with_failing_and_passing_cases()
    {
        var rules = RuleRegistry.PolicyRules.Select(r => (r.Descriptor, Type: r.GetType()))
            .Concat(RuleRegistry.AccountRules.Select(r => (r.Descriptor, Type: r.GetType())))
            .Concat(RuleRegistry.DriftRules.Select(r => (r.Descriptor, Type: r.GetType())))
            .Concat(RuleRegistry.OrganizationRules.Select(r => (r.Descriptor, Type: r.GetType())))
            .DistinctBy(r => r.Type);
        foreach (var (descriptor, type) in rules)
        {
            var testClass = typeof(RuleRegistryTests).Assembly.GetType($"ImAudit.Engine.Tests.Rules.{type.Name}Tests");
            Assert.True(testClass is not null, $"{descriptor.Id} has no test class {type.Name}Tests");
            var counts = RunCases(testClass!).SelectMany(run => run).Where(run => run.RuleId == descriptor.Id).Select(run => run.Findings).ToList();
            Assert.True(counts.Count > 0, $"{testClass!.Name} never runs {descriptor.Id} through a rule harness");
            Assert.True(counts.Any(n => n > 0), $"{testClass!.Name} has no case where {descriptor.Id} yields a finding");
            Assert.True(counts.Any(n => n == 0), $"{testClass!.Name} has no case where {descriptor.Id} yields no finding");
        }
    }

    // Each [Fact], and each row of each [Theory], on a fresh instance, as xunit would run it.
    private static IEnumerable<IReadOnlyList<(string RuleId, int Findings)>> RunCases(Type testClass)
    {
        foreach (var method in testClass.GetMethods().Where(m => m.GetCustomAttribute<FactAttribute>() is { Skip: null }))
        {
            var rows = method.GetCustomAttribute<TheoryAttribute>() is null
                ? [[]]
                : method.GetCustomAttributes<Xunit.Sdk.DataAttribute>().SelectMany(data => data.GetData(method)).ToList();
            foreach (var row in rows)
            {
                yield return RuleRuns.Watch(() =>
                {
                    var instance = Activator.CreateInstance(testClass);
                    try
                    {
                        var result = method.Invoke(instance, Xunit.Sdk.Reflector.ConvertArguments(row, [.. method.GetParameters().Select(p => p.ParameterType)]));
                        (result as Task)?.GetAwaiter().GetResult();
                    }
                    catch (TargetInvocationException e)
                    {
                        throw new InvalidOperationException($"{testClass.Name}.{method.Name} fails when the meta-test runs it", e.InnerException);
                    }
                    finally
                    {
                        (instance as IDisposable)?.Dispose();
                    }
                });
            }
        }
    }

    [Fact]
    public void Names_are_kebab_case_and_summaries_one_line()
    {
        Assert.All(RuleRegistry.All, r =>
        {
            Assert.Matches(new Regex("^[a-z]+(-[a-z]+)*$"), r.Name);
            Assert.DoesNotContain('\n', r.Summary);
        });
    }

    [Fact]
    public void Docs_examples_are_true_the_bad_policy_fires_and_the_fixed_one_does_not()
    {
        foreach (var rule in RuleRegistry.PolicyRules.Select(r => r.Descriptor))
        {
            var text = File.ReadAllText(Path.Combine(Fixture.RepositoryRoot, rule.DocsPath));
            string Block(string heading) => Regex.Match(text, heading + @"\n\n(?:[^`]*\n)?```json\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
            var bad = Block("## Bad");
            var fixedPolicy = Block("## Fixed");
            var kind = bad.Contains("\"Principal\"", StringComparison.Ordinal) ? Engine.Policies.PolicyKind.Resource : Engine.Policies.PolicyKind.Identity;
            var resource = Regex.Match(text, @"\*\*Example resource:\*\* `([^`]+)`").Groups[1].Value;
            string[] trusted = [.. Regex.Match(text, @"\*\*Example trusted accounts:\*\* `([^`]+)`").Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries)];
            var protectedArn = resource.Length > 0 ? resource : null;

            Assert.True(RuleHarness.Run(rule.Id, bad, kind, protectedArn, trusted).Count > 0, $"{rule.Id}: the bad example does not fire the rule");
            Assert.True(RuleHarness.Run(rule.Id, fixedPolicy, kind, protectedArn, trusted).Count == 0, $"{rule.Id}: the fixed example still fires the rule");
        }
    }

    [Fact]
    public void Account_rule_docs_examples_are_true_for_a_user_holding_the_policy()
    {
        foreach (var rule in RuleRegistry.AccountRules.Select(r => r.Descriptor))
        {
            var text = File.ReadAllText(Path.Combine(Fixture.RepositoryRoot, rule.DocsPath));
            string Block(string heading) => Regex.Match(text, heading + @"\n\n(?:[^`]*\n)?```json\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
            string[] attached = [.. Regex.Match(text, @"\*\*Example attachment:\*\* `([^`]+)`").Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries)];
            var subject = Regex.Match(text, @"\*\*Example subject:\*\* `([^`]+)`").Groups[1].Value;
            if (subject == "inventory")
                continue; // the page shows an inventory, exercised by the rule's own test class
            IReadOnlyList<Engine.Findings.Finding> Fire(string policy, string[] attachments) => AccountHarness.Run(rule.Id, subject switch
            {
                "runbook-trust" => AccountHarness.Account(roles: [AccountHarness.RunbookRole("runbook", policy)], plans: [AccountHarness.Plan("Payments", "runbook")]),
                "passrole" => AccountHarness.Account([AccountHarness.User("example", policy, attachments)],
                    roles: [AccountHarness.RunbookRole("runbook", AccountHarness.ProtectedTrust, AccountHarness.Allow("\"s3:*\""))]),
                "runbook-policy" => AccountHarness.Account(roles: [AccountHarness.RunbookRole("runbook", AccountHarness.ProtectedTrust, policy)], plans: [AccountHarness.Plan("Payments", "runbook")]),
                _ => AccountHarness.Account([AccountHarness.User("example", policy, attachments)]),
            });

            Assert.True(Fire(Block("## Bad"), attached).Count > 0, $"{rule.Id}: the bad example does not fire the rule");
            Assert.True(Fire(Block("## Fixed"), []).Count == 0, $"{rule.Id}: the fixed example still fires the rule");
        }
    }

    [Fact]
    public void Drift_rule_docs_examples_are_true_for_the_change_they_show()
    {
        foreach (var rule in RuleRegistry.DriftRules.Select(r => r.Descriptor))
        {
            var text = File.ReadAllText(Path.Combine(Fixture.RepositoryRoot, rule.DocsPath));
            string Block(string heading, int index) => Regex.Matches(text, heading + @"\n\n(?:[^`]*\n)?```json\n(.*?)```(?:\n\n(?:[^`]*\n)?```json\n(.*?)```)?", RegexOptions.Singleline)[0].Groups[index].Value;
            var subject = Regex.Match(text, @"\*\*Example drift:\*\* `([^`]+)`").Groups[1].Value;
            const string Policy = "arn:aws:iam::111122223333:policy/Responders";
            Engine.Inventory.AccountInventory Managed(Engine.Inventory.AccountInventory account, string document) => account with
            {
                Policies = [new Engine.Inventory.ManagedPolicy("Responders", Policy, "/", "v1", [new Engine.Inventory.PolicyVersion("v1", true, document, null)])],
            };
            Engine.Inventory.AccountInventory Plan(string document) => AccountHarness.Account(plans: [AccountHarness.Plan("Payments", "runbook") with
            {
                ResourcePolicies = [new Engine.Inventory.ResourcePolicy("p1", document, "us-east-1")],
            }]);
            IReadOnlyList<Engine.Findings.Finding> Fire(string heading) => subject switch
            {
                // The policy shown is attached between the two runs.
                "attachment" => AccountHarness.DriftBetween(rule.Id, Managed(AccountHarness.Account([AccountHarness.User("example")]), Block(heading, 1)),
                    Managed(AccountHarness.Account([AccountHarness.UserWith("example", Policy)]), Block(heading, 1))),
                "resource-policy" => AccountHarness.DriftBetween(rule.Id, Plan(Block(heading, 1)), Plan(Block(heading, 2))),
                // The AWS managed policy the user holds, in the previous run's version and this run's.
                "aws-managed" => AccountHarness.DriftBetween(rule.Id, AccountHarness.WithResolverAccess(Block(heading, 1), heading == "## Bad" ? "v1" : "v2"),
                    AccountHarness.WithResolverAccess(Block(heading, 2), "v2")),
                _ => AccountHarness.DriftBetween(rule.Id, AccountHarness.Account([AccountHarness.User("example", Block(heading, 1))]), AccountHarness.Account([AccountHarness.User("example", Block(heading, 2))])),
            };

            Assert.True(Fire("## Bad").Count > 0, $"{rule.Id}: the bad example does not fire the rule");
            Assert.True(Fire("## Fixed").Count == 0, $"{rule.Id}: the fixed example still fires the rule");
        }
    }

    [Fact]
    public void Every_rule_of_the_organization_audit_is_registered_once()
    {
        var ids = RuleRegistry.OrganizationRules.Select(r => r.Descriptor.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(["IMA701", "IMA702", "IMA703"], RuleRegistry.All.Select(r => r.Id).Where(id => id.StartsWith("IMA7", StringComparison.Ordinal)));
        Assert.All(ids.Where(id => !id.StartsWith("IMA7", StringComparison.Ordinal)), id => Assert.Contains(RuleRegistry.AccountRules, r => r.Descriptor.Id == id));
    }

    [Fact]
    public void Cross_account_rule_docs_examples_are_true_for_the_two_accounts_they_show()
    {
        foreach (var rule in RuleRegistry.OrganizationRules.Select(r => r.Descriptor).Where(d => d.Id.StartsWith("IMA7", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(Path.Combine(Fixture.RepositoryRoot, rule.DocsPath));
            // Each example is two blocks: the resource policy of the sharing account, then the member principal's identity policy.
            string Block(string heading, int index) => Regex.Matches(text, heading + @"\n\n(?:[^`]*\n)?```json\n(.*?)```\n\n(?:[^`]*\n)?```json\n(.*?)```", RegexOptions.Singleline)[0].Groups[index].Value;
            var resource = Regex.Match(text, @"\*\*Example resource:\*\* `([^`]+)`").Groups[1].Value;
            var principal = Regex.Match(text, @"\*\*Example principal:\*\* `([^`]+)`").Groups[1].Value;
            IReadOnlyList<Engine.Findings.Finding> Fire(string heading) => OrganizationHarness.Run(rule.Id, Block(heading, 1), Block(heading, 2), resource, principal);

            Assert.True(Fire("## Bad").Count > 0, $"{rule.Id}: the bad example does not fire the rule");
            Assert.True(Fire("## Fixed").Count == 0, $"{rule.Id}: the fixed example still fires the rule");
        }
    }
}
