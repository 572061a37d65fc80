using ImAudit.Engine.Baselines;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Matching;

namespace ImAudit.Engine.Tests.Baselines;

public class ManagedBaselinesTests
{
    [Theory]
    [InlineData("AWSIncidentManagerResolverAccess", "v4")]
    [InlineData("awsincidentmanagerresolveraccess@V1", "v1")]
    [InlineData("AWSIncidentManagerServiceRolePolicy", "v3")]
    [InlineData("AWSIncidentManagerIncidentAccessServiceRolePolicy@v2", "v2")]
    public void Resolves_names_and_versions(string reference, string version) =>
        Assert.Equal(version, ManagedBaselines.Find(reference)!.VersionId);

    [Theory]
    [InlineData("AWSIncidentManagerResolverAccess@v9")]
    [InlineData("AdministratorAccess")]
    public void Unknown_references_resolve_to_nothing(string reference) => Assert.Null(ManagedBaselines.Find(reference));

    [Fact]
    public void Every_known_version_parses_cleanly_and_names_only_catalogue_actions()
    {
        var all = ManagedBaselines.Names.SelectMany(n => ManagedBaselines.Versions(n)).ToList();

        Assert.Equal(9, all.Count);
        foreach (var version in all)
        {
            Assert.False(version.Document.HasErrors, version.QualifiedName);
            foreach (var entry in version.Document.Statements.SelectMany(s => s.Actions.Entries))
                Assert.NotEmpty(IamCatalog.Default.Expand(entry.Pattern));
        }
    }

    [Fact]
    public void Resolver_access_v1_has_thirteen_actions_and_v2_adds_start_engagement()
    {
        static string[] Actions(string reference) => [.. ManagedBaselines.Find(reference)!.Document.Statements.SelectMany(s => s.Actions.Entries).Select(e => e.Text).Order()];

        Assert.Equal(13, Actions("AWSIncidentManagerResolverAccess@v1").Length);
        Assert.Equal(["ssm-contacts:StartEngagement"], Actions("AWSIncidentManagerResolverAccess@v2").Except(Actions("AWSIncidentManagerResolverAccess@v1")));
        Assert.Equal(Actions("AWSIncidentManagerResolverAccess@v2"), Actions("AWSIncidentManagerResolverAccess@v4"));
    }
}
