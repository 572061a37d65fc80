using ImAudit.Engine.Access;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Matching;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Tests.Access;

public class AccessBuildingBlocksTests
{
    private static readonly IamCatalog Catalog = IamCatalog.Default;

    [Theory]
    [InlineData("""{"Effect":"Allow","Action":"ssm-incidents:Get*","Resource":"*"}""")]
    [InlineData("""{"Effect":"Allow","Action":["ssm*:List*","ec2:Describe?nstances"],"Resource":"*"}""")]
    [InlineData("""{"Effect":"Allow","NotAction":["iam:*","ssm-contacts:StartEngagement"],"Resource":"*"}""")]
    [InlineData("""{"Effect":"Allow","Action":"*","Resource":"*"}""")]
    [InlineData("""{"Effect":"Allow","NotAction":"*","Resource":"*"}""")]
    public void Scope_coverage_agrees_with_matching_every_action_one_by_one(string statement)
    {
        var element = Policy.Identity("p", statement).Statements[0].Actions;
        var scope = AccessScope.Of(Catalog, ["ssm-incidents", "ssm-contacts", "ec2", "iam", "ssm"]);

        var expected = scope.Actions.Where(a => element.Entries.Any(e => e.Pattern.Matches(a.Service, a.Name)) != element.IsNot);

        Assert.Equal(expected, scope.Covered(element));
    }

    [Fact]
    public void An_action_scope_holds_exactly_its_actions_in_name_order_and_its_key_names_them()
    {
        var start = Catalog.FindAction("ssm-incidents:StartIncident")!;
        var pass = Catalog.FindAction("iam:PassRole")!;

        var scope = AccessScope.OfActions([start, pass, start]);

        Assert.Equal(["iam:PassRole", "ssm-incidents:StartIncident"], scope.Actions.Select(a => a.FullName));
        Assert.Equal(scope.Key, AccessScope.OfActions([pass, start]).Key);
        Assert.NotEqual(scope.Key, AccessScope.OfActions([pass]).Key);
    }

    [Fact]
    public void Bit_sets_keep_members_and_complement_within_their_range()
    {
        var set = new BitSet(70);
        set.Add(0);
        set.Add(64);
        set.Add(69);

        Assert.Equal([0, 64, 69], set.Indexes());
        Assert.Equal(67, set.Complement().Indexes().Count());
        Assert.DoesNotContain(70, set.Complement().Indexes());
        Assert.True(set.IsSubsetOf(set.Complement().Complement()));
        Assert.False(set.IsSubsetOf(new BitSet(70)));
        Assert.True(set.Except(set).IsEmpty);
    }

    [Fact]
    public void Resource_reach_matches_grants_as_grants_on_does_and_honours_exceptions()
    {
        var plans = new[] { "arn:aws:ssm-incidents::111122223333:response-plan/pay", "arn:aws:ssm-incidents::111122223333:response-plan/ops" };
        var policy = Policy.Identity("p",
            """{"Effect":"Allow","Action":"ssm-incidents:StartIncident","NotResource":"arn:aws:ssm-incidents::111122223333:response-plan/ops"}""",
            """{"Effect":"Allow","Action":"ssm-incidents:GetResponsePlan","Resource":"arn:aws:ssm-incidents::111122223333:response-plan/p*"}""");
        var access = AccessCalculator.Compute(Catalog, new ImAudit.Engine.Evaluation.PolicySet([policy]));
        var reach = new ResourceReach(plans);

        foreach (var action in new[] { "ssm-incidents:StartIncident", "ssm-incidents:GetResponsePlan" })
        {
            var expected = Enumerable.Range(0, plans.Length).Where(i => access.GrantsOn(action, plans[i]).Any());
            Assert.Equal(expected, reach.Reached(access.Find(action)).Indexes());
        }
        Assert.Equal([0], reach.Reached(access.Find("ssm-incidents:StartIncident")).Indexes());
    }

    [Fact]
    public void The_document_cache_parses_a_text_once_and_names_each_use()
    {
        var cache = new DocumentCache();
        const string text = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

        var first = cache.Parse(text, PolicyKind.Trust, "role/a#trust");
        var again = cache.Parse(text, PolicyKind.Trust, "role/a#trust");
        var other = cache.Parse(text, PolicyKind.Trust, "role/b#trust");

        Assert.Same(first, again);
        Assert.Equal("role/b#trust", other.Name);
        Assert.Equal(first.Statements, other.Statements);
        Assert.Equal(PolicyKind.Identity, cache.Parse(text, PolicyKind.Identity, "role/a#trust").Kind);
    }

    [Fact]
    public void Actions_are_equal_by_name()
    {
        var action = Catalog.FindAction("ssm-incidents:StartIncident")!;

        Assert.Equal(action, action with { AccessLevel = AccessLevel.Read });
        Assert.NotEqual(action, Catalog.FindAction("ssm-incidents:GetIncidentRecord"));
        Assert.Equal(action.GetHashCode(), (action with { DependentActions = [] }).GetHashCode());
    }
}
