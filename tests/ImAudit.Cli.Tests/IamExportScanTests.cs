using System.Text.Json;

namespace ImAudit.Cli.Tests;

/// <summary>
/// Issue 15: `imaudit scan` of Cloudsplaining's `example_authz_v2.json` (salesforce/cloudsplaining
/// test/files/example_authz_v2.json, BSD-3-Clause, copied unchanged) reported 0 principals with Incident Manager
/// access: group GOAT attaches AdministratorAccess, whose document the export does not carry.
/// </summary>
public sealed class IamExportScanTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "imaudit-iam-export-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_out))
            Directory.Delete(_out, recursive: true);
    }

    [Fact]
    public void The_goat_member_is_audited_as_an_administrator_and_the_iam_only_scope_does_not_fail_the_gate()
    {
        var result = CliRunner.Run("scan", CliRunner.Fixture("example_authz_v2.json"), "--out", _out, "--fail-on", "critical");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("1 principal", result.Stdout, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_out, "report.json")));
        var principal = Assert.Single(json.RootElement.GetProperty("principals").EnumerateArray());
        Assert.Equal("arn:aws:iam::012345678901:user/BlakeBortles", principal.GetProperty("arn").GetString());
        Assert.Contains(json.RootElement.GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("ruleId").GetString() == "IMA301" && f.GetProperty("resource").GetString() == "arn:aws:iam::012345678901:user/BlakeBortles");
        var markdown = File.ReadAllText(Path.Combine(_out, "report.md"));
        Assert.Contains("The audit is complete for IAM; Incident Manager resources: not in this input (see Coverage).", markdown, StringComparison.Ordinal);
        Assert.Contains("- `AdministratorAccess`: document not in the input; audited from ImAudit's copy, version v1 of 2015-02-06", markdown, StringComparison.Ordinal);
        // The console and the page say it too, not only report.md.
        Assert.Contains("coverage: complete for IAM; Incident Manager resources: not in this input", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("assumed: `AdministratorAccess`: document not in the input; audited from ImAudit's copy", result.Stdout, StringComparison.Ordinal);
        var html = File.ReadAllText(Path.Combine(_out, "report.html"));
        Assert.Contains("Incident Manager resources: not in this input</strong>", html, StringComparison.Ordinal);
        Assert.Contains("audited from ImAudit&#39;s copy", html.Replace("&#x27;", "&#39;", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
