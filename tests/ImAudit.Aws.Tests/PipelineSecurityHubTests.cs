using System.Text.Json;
using ImAudit.Aws.Pipeline;
using ImAudit.Aws.SecurityHub;
using ImAudit.Aws.SecurityHub.Model;
using ImAudit.Aws.Storage;

namespace ImAudit.Aws.Tests;

/// <summary>What the function sends Security Hub after a run: the ASFF batches of the run's report set.</summary>
[Collection("emulator")]
public sealed class PipelineSecurityHubTests(EmulatorFixture fixture) : IDisposable
{
    private const string DocsUrl = "https://github.com/example/imaudit/blob/main/";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "imaudit-import-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    // The function wrote asff/batch-NNN.json with each rule's docs link (IMAUDIT_DOCS_URL) but imported batches made
    // again without it, so Security Hub's findings had no Remediation.Recommendation.Url while the CLI's had one.
    [Fact]
    public async Task Regression_the_function_imports_the_batches_it_writes_docs_links_included()
    {
        var store = new DirectoryReportStore(_root);
        var securityHub = new Recording();
        var settings = FunctionSettings.FromEnvironment(new Dictionary<string, string>
        {
            ["IMAUDIT_REPORT_BUCKET"] = "bucket", ["IMAUDIT_DOCS_URL"] = DocsUrl, ["IMAUDIT_SECURITY_HUB"] = "true",
        });
        var pipeline = new AuditPipeline((_, _) => fixture.Clients() with { SecurityHub = () => securityHub }, store, settings, TimeProvider.System, (_, _) => { });

        var summary = await pipeline.RunAsync(AuditRequest.Scheduled, DateTimeOffset.UtcNow.AddMinutes(5));

        var written = new List<byte[]>();
        foreach (var key in summary.ReportKeys.Where(k => k.Contains("/asff/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            written.Add((await store.ReadAsync(key))!.Body);
        Assert.NotEmpty(written);
        Assert.Equal(written, securityHub.Bodies);
        using var first = JsonDocument.Parse(securityHub.Bodies[0]);
        Assert.StartsWith(DocsUrl, first.RootElement.GetProperty("Findings")[0].GetProperty("Remediation").GetProperty("Recommendation").GetProperty("Url").GetString(),
            StringComparison.Ordinal);
    }

    // A Security Hub that accepts everything and keeps each request body.
    private sealed class Recording : IAmazonSecurityHub
    {
        public List<byte[]> Bodies { get; } = [];

        public Task<BatchImportFindingsResponse> BatchImportFindingsAsync(BatchImportFindingsRequest request, CancellationToken cancellationToken = default)
        {
            Bodies.Add(request.Body.ToArray());
            using var json = JsonDocument.Parse(request.Body);
            return Task.FromResult(new BatchImportFindingsResponse { SuccessCount = json.RootElement.GetProperty("Findings").GetArrayLength() });
        }

        public void Dispose()
        {
        }
    }
}
