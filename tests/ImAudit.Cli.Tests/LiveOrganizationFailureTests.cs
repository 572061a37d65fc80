using System.Net;
using System.Net.Sockets;
using System.Text;
using ImAudit.AwsEmulator;
using ImAudit.Engine.Inventory;
using Microsoft.AspNetCore.Builder;

namespace ImAudit.Cli.Tests;

/// <summary>
/// <c>scan --live --organization</c> when there is no organization to list, no AWS to reach, or not enough time. Organizations
/// is a fake at the HTTP boundary here (two canned answers); STS, IAM and Incident Manager are the AWS API emulator.
/// </summary>
public sealed class LiveOrganizationFailureTests : IAsyncLifetime
{
    private const string Home = "111122223333";
    private const string Member = "444455556666";
    private readonly string _out = Path.Combine(Path.GetTempPath(), "imaudit-live-org-failure-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private string _url = "";

    private static AccountInventory As(string account) =>
        InventoryJson.Read(Encoding.UTF8.GetBytes(File.ReadAllText(CliRunner.Fixture("demo-account/inventory.json")).Replace(Home, account, StringComparison.Ordinal)), account).Inventory!;

    public async Task InitializeAsync() => (_, _app, _url) = await EmulatorApp.StartLocalAsync([As(Home), As(Member)], new EmulatorOptions(Home));

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        if (Directory.Exists(_out))
            Directory.Delete(_out, recursive: true);
    }

    private static Dictionary<string, string> Environment(string endpoint) => new()
    {
        ["AWS_ACCESS_KEY_ID"] = "test", ["AWS_SECRET_ACCESS_KEY"] = "test", ["AWS_REGION"] = "us-east-1", ["AWS_ENDPOINT_URL"] = endpoint, ["AWS_MAX_ATTEMPTS"] = "2",
    };

    [Fact]
    public void No_account_list_is_exit_2_with_one_line_and_no_report()
    {
        // The emulator serves no Organizations: both calls are refused, as for credentials outside any organization.
        var result = CliRunner.Run(["scan", "--live", "--organization", "--out", _out], Environment(_url));

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("imaudit: could not describe the organization: MissingAuthenticationTokenException: ", line, StringComparison.Ordinal);
        Assert.Contains("; could not list the organization's accounts: MissingAuthenticationTokenException: ", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_out));
    }

    // Regression: the role --role-arn names was assumed with no deadline (five attempts of 30 s against an STS that never answers).
    [Fact]
    public void Regression_the_timeout_bounds_assuming_the_role_first()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(100);
        var sts = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}";
        var environment = Environment(_url);
        environment["AWS_ENDPOINT_URL_STS"] = sts;
        environment["AWS_MAX_ATTEMPTS"] = "5";
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = CliRunner.Run(["scan", "--live", "--organization", "--role-arn", "arn:aws:iam::111122223333:role/OrgAuditor", "--timeout", "2", "--out", _out], environment);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"imaudit: cannot assume `arn:aws:iam::111122223333:role/OrgAuditor`: no answer from STS at `{sts}/` before the collection deadline (--timeout 2 s)\n", result.Stderr);
        Assert.False(Directory.Exists(_out));
    }

    [Fact]
    public void No_aws_to_reach_is_exit_2_with_one_line_and_no_report()
    {
        var result = CliRunner.Run(["scan", "--live", "--organization", "--out", _out], Environment("http://127.0.0.1:9"));

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("imaudit: could not describe the organization: ConnectionError: the connection failed: ", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_out));
    }

    [Fact]
    public void The_timeout_bounds_the_whole_organization_and_an_account_it_cut_off_is_failed_with_the_reason()
    {
        // IAM accepts connections and never answers: the first account is still being read at the deadline, the second never starts.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(100);
        var environment = Environment(_url);
        environment["AWS_ENDPOINT_URL_IAM"] = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}";
        using var organizations = new FakeOrganizations(Home, Member);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var code = Cli.Run(["scan", "--live", "--organization", "--max-concurrency", "1", "--timeout", "3", "--out", _out, "--fail-on", "critical"], stdout, stderr,
            new CliEnvironment(environment, Interactive: false, organizations));

        Assert.True(code == 3, stderr.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Matches(@"collected organization o-fake12345: 1 account read, 1 failed, 0 skipped \(not active\) in \d+\.\d s; 1 read incompletely \(see coverage\); --timeout 3 s reached\n", stderr.ToString());
        Assert.Matches(@"imaudit: warning: account \d{12} \(fake\) not audited: the collection deadline passed before this account was read\n", stderr.ToString());
        Assert.Contains("DeadlineExceeded", File.ReadAllText(Path.Combine(_out, "report.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_account_failing_still_writes_the_report_that_lists_them_and_its_snapshot_is_a_previous()
    {
        // Credentials of an account outside the listed ones (a delegated administrator), and a member that refuses them.
        var (_, refusing, url) = await EmulatorApp.StartLocalAsync([As(Home), As(Member)], new EmulatorOptions(Home) { DenyAssume = new HashSet<string> { Member } });
        await using var _ = refusing;
        using var organizations = new FakeOrganizations(Member);
        CliResult Scan(string name, params string[] more)
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var code = Cli.Run(["scan", "--live", "--organization", "--out", Path.Combine(_out, name), "--fail-on", "critical", .. more], stdout, stderr,
                new CliEnvironment(Environment(url), Interactive: false, organizations));
            return new CliResult(code, stdout.ToString(), stderr.ToString());
        }

        var first = Scan("first");
        var second = Scan("second", "--previous", Path.Combine(_out, "first"));

        Assert.True(first.ExitCode == 3, first.Stderr);
        Assert.True(second.ExitCode == 3, second.Stderr);
        Assert.Contains("ImAudit — organization o-fake12345, 0 accounts; 1 not audited (1 failed, 0 skipped)", first.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{Member} fake: NOT AUDITED: could not assume `arn:aws:iam::{Member}:role/ImAuditMemberRole`: AccessDenied", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("since the previous run", second.Stdout, StringComparison.Ordinal);
        Assert.Contains("0 new, 0 resolved, 0 persisting", second.Stdout, StringComparison.Ordinal);
    }

    // Organizations answers DescribeOrganization and ListAccounts (the accounts given); the rest goes to the emulator.
    private sealed class FakeOrganizations(params string[] accounts) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.Single() : "";
            var body = target switch
            {
                "AWSOrganizationsV20161128.DescribeOrganization" => $$$"""{"Organization":{"Id":"o-fake12345","Arn":"arn:aws:organizations::{{{Home}}}:organization/o-fake12345","MasterAccountId":"{{{Home}}}"}}""",
                "AWSOrganizationsV20161128.ListAccounts" => "{\"Accounts\":[" + string.Join(',', accounts.Select(a => $"{{\"Id\":\"{a}\",\"Name\":\"fake\",\"State\":\"ACTIVE\"}}")) + "]}",
                _ => null,
            };
            return body is null ? base.SendAsync(request, cancellationToken)
                : Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1") });
        }
    }
}
