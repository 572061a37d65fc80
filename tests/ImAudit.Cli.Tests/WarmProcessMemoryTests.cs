using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace ImAudit.Cli.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WarmProcessCollection
{
    public const string Name = "warm process (measures the whole heap: runs alone)";
}

/// <summary>
/// Issue 14, item 3: three scans of the synthetic 50× account in one process reached 3.1, 5.1 and 6.8 GB; a warm
/// Lambda container runs audit after audit. Here the pipeline runs several times in one process, on a different
/// generated account each time (as an organization's fan-out does), and the heap after a full collection must come
/// back to where it was after the first run, within a generous tolerance. Not a timing test.
/// </summary>
[Collection(WarmProcessCollection.Name)]
public sealed class WarmProcessMemoryTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "imaudit-warm-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    // A moderately large account: 900 principals, their own policy texts (unknown actions and resource patterns
    // that differ from run to run), 120 contacts behind escalation plans, 30 response plans.
    private static string Account(int run)
    {
        var account = (111100000000L + run).ToString(CultureInfo.InvariantCulture);
        var json = new StringBuilder();
        json.Append(CultureInfo.InvariantCulture, $$"""{"schemaVersion":"1","accountId":"{{account}}","partition":"aws","regions":["us-east-1"],"users":[""");
        for (var i = 0; i < 600; i++)
        {
            json.Append(i == 0 ? "" : ",");
            json.Append(CultureInfo.InvariantCulture, $$"""
                {"name":"u{{i}}","arn":"arn:aws:iam::{{account}}:user/u{{i}}","path":"/","inlinePolicies":[{"name":"p","document":{"Version":"2012-10-17","Statement":[
                {"Effect":"Allow","Action":["ssm-contacts:StartEngagement","ssm-incidents:{{(i % 3 == 0 ? "*" : "Get*")}}","ssm-incidents:Run{{run}}x{{i}}","ssm:Start{{run}}Incident{{i % 7}}"],"Resource":"arn:aws:ssm-contacts:*:{{account}}:contact/team-{{i % 40}}*"},
                {"Effect":"Allow","Action":"ssm-incidents:UpdateResponsePlan","Resource":"arn:aws:ssm-incidents::{{account}}:response-plan/plan-{{run}}-{{i % 30}}"}]} }]}
                """);
        }
        json.Append("""],"roles":[""");
        for (var i = 0; i < 300; i++)
        {
            json.Append(i == 0 ? "" : ",");
            json.Append(CultureInfo.InvariantCulture, $$"""
                {"name":"r{{i}}","arn":"arn:aws:iam::{{account}}:role/r{{i}}","path":"/","trustPolicy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ssm-incidents.amazonaws.com"},"Action":"sts:AssumeRole"}]},
                "inlinePolicies":[{"name":"p","document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:PassRole","ssm-incidents:CreateResponsePlan","ssm-incidents:StartIncident","ssm-contacts:Describe{{run}}*"],"Resource":"*"}]} }]}
                """);
        }
        json.Append("""],"contacts":[""");
        for (var i = 0; i < 120; i++)
        {
            var stages = i % 3 == 0 ? $$""","stages":[{"durationInMinutes":5,"contactTargets":["arn:aws:ssm-contacts:us-east-1:{{account}}:contact/team-{{(i + 1) % 120}}"]}]""" : "";
            json.Append(i == 0 ? "" : ",");
            json.Append(CultureInfo.InvariantCulture, $$"""{"arn":"arn:aws:ssm-contacts:us-east-1:{{account}}:contact/team-{{i}}","alias":"team-{{i}}","type":"{{(i % 3 == 0 ? "ESCALATION" : "PERSONAL")}}"{{stages}}}""");
        }
        json.Append("""],"responsePlans":[""");
        for (var i = 0; i < 30; i++)
        {
            json.Append(i == 0 ? "" : ",");
            json.Append(CultureInfo.InvariantCulture, $$"""{"arn":"arn:aws:ssm-incidents::{{account}}:response-plan/plan-{{run}}-{{i}}","name":"plan-{{run}}-{{i}}"}""");
        }
        json.Append("]}");
        return json.ToString();
    }

    private long Scan(int run)
    {
        var input = Path.Combine(_dir, $"account-{run}.json");
        File.WriteAllText(input, Account(run));
        var result = CliRunner.Run("scan", input, "--out", Path.Combine(_dir, "reports"));
        Assert.True(result.ExitCode is 0, result.Stderr);
        Assert.Contains("findings:", result.Stdout, StringComparison.Ordinal);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    [Fact]
    public void The_heap_returns_to_its_level_run_after_run()
    {
        Directory.CreateDirectory(_dir);
        // The first run loads the catalogue and the baselines and compiles what every run shares.
        var settled = Scan(0);
        var after = Enumerable.Range(1, 5).Select(Scan).ToList();
        output.WriteLine($"heap after the first run {settled / 1048576.0:F1} MB; after each next run: {string.Join(", ", after.Select(a => $"{a / 1048576.0:F1}"))} MB");

        // Generous: 24 MB and a tenth for what the runtime keeps (JIT, pools); a report or an account held from run to
        // run would add its size every run. Before the memos keyed by policy text were emptied between audits, each
        // run left 1.2 MB more (4.7 MB over the four runs compared); now 0.2 MB.
        var tolerance = 24L * 1048576 + settled / 10;
        Assert.All(after, a => Assert.True(a - settled < tolerance, $"after a run the heap is {(a - settled) / 1048576.0:F1} MB above the first run's"));
        Assert.True(after[^1] - after[0] < 2L * 1048576, $"the heap grew {(after[^1] - after[0]) / 1048576.0:F1} MB over four runs");
    }
}
