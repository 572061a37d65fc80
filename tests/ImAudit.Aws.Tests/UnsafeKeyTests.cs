using System.Text;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using ImAudit.Aws.Collection;
using ImAudit.Aws.IdentityManagement;
using ImAudit.Aws.IdentityManagement.Model;
using ImAudit.Aws.Pipeline;
using ImAudit.Aws.SSMContacts;
using ImAudit.Aws.SSMIncidents;
using ImAudit.Aws.SSMIncidents.Model;
using ImAudit.Aws.Storage;
using Moq;

namespace ImAudit.Aws.Tests;

/// <summary>
/// Issue 13, item 3: an account ID from GetCallerIdentity is used in report keys, so it is checked where it enters;
/// the stores refuse keys that would leave their root (directory) or name another object than written (S3).
/// </summary>
public sealed class UnsafeKeyTests : IDisposable
{
    private readonly string _parent = Path.Combine(Path.GetTempPath(), "imaudit-keys-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_parent))
            Directory.Delete(_parent, recursive: true);
    }

    [Fact]
    public async Task Regression_an_account_id_that_is_not_12_digits_is_a_collection_error_not_a_path()
    {
        var sts = new Mock<IAmazonSecurityTokenService>();
        sts.Setup(s => s.GetCallerIdentityAsync(It.IsAny<GetCallerIdentityRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new GetCallerIdentityResponse { Account = "../../../x", Arn = "arn:aws:iam::../../../x:user/auditor" });
        var iam = new Mock<IAmazonIdentityManagementService>();
        iam.Setup(i => i.GetAccountAuthorizationDetailsAsync(It.IsAny<GetAccountAuthorizationDetailsRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new GetAccountAuthorizationDetailsResponse());
        var incidents = new Mock<IAmazonSSMIncidents>();
        incidents.Setup(i => i.ListReplicationSetsAsync(It.IsAny<ListReplicationSetsRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(new ListReplicationSetsResponse());
        var clients = new AwsClients("us-east-1", sts.Object, iam.Object, _ => incidents.Object, _ => new Mock<IAmazonSSMContacts>().Object);
        var root = Path.Combine(_parent, "D");

        var inventory = await new AccountCollector(clients).CollectAsync(DateTimeOffset.UtcNow);
        var summary = await new AuditPipeline((_, _) => clients, new DirectoryReportStore(root), new FunctionSettings(null, "imaudit/", null, [], null, TimeSpan.Zero),
            TimeProvider.System, (_, _) => { }).RunAsync(AuditRequest.Scheduled, DateTimeOffset.UtcNow.AddMinutes(1));

        Assert.Equal("", inventory.AccountId);
        var error = Assert.Single(inventory.CollectionErrors, e => e.Operation == "GetCallerIdentity");
        Assert.Contains("`../../../x`", error.Message, StringComparison.Ordinal);
        Assert.Equal([Path.GetFullPath(root)], Directory.EnumerateFileSystemEntries(_parent).Select(Path.GetFullPath));
        Assert.All(summary.ReportKeys, k => Assert.True(File.Exists(Path.Combine(root, k)), k));
    }

    [Theory]
    [InlineData("../D-evil/report.json")]
    [InlineData("../D")]
    [InlineData("runs/../../D-evil/x")]
    [InlineData("/etc/x")]
    [InlineData("runs//report.json")]
    [InlineData("runs/./report.json")]
    [InlineData("")]
    public async Task Regression_the_directory_store_refuses_a_key_that_leaves_its_root_or_is_not_normal(string key)
    {
        var root = Path.Combine(_parent, "D");
        var store = new DirectoryReportStore(root);

        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync(key, "x"u8.ToArray(), "text/plain", WriteCondition.Always));

        Assert.False(Directory.Exists(Path.Combine(_parent, "D-evil")));
    }

    [Theory]
    [InlineData("imaudit/runs/../snapshots/x/latest.json")]
    [InlineData("imaudit//runs/report.json")]
    [InlineData("/imaudit/runs/report.json")]
    [InlineData("imaudit/runs/a\0b.json")]
    public async Task Regression_the_s3_store_refuses_keys_with_dot_segments_empty_segments_or_control_characters(string key)
    {
        var s3 = new Mock<Amazon.S3.IAmazonS3>(MockBehavior.Strict);
        var store = new S3ReportStore(s3.Object, "bucket");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync(key, "x"u8.ToArray(), "text/plain", WriteCondition.Always));

        Assert.StartsWith("report key `", error.Message, StringComparison.Ordinal);
        s3.VerifyNoOtherCalls();
    }
}
