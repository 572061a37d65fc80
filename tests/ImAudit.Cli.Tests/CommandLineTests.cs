using ImAudit.Engine.Baselines;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Findings;

namespace ImAudit.Cli.Tests;

/// <summary>The command line itself (issue 15): help for every verb, --version, suggestions, completion.</summary>
public class CommandLineTests
{
    public static TheoryData<string> VerbNames() => [.. CommandTree.Verbs.Select(v => v.Name)];

    [Theory]
    [MemberData(nameof(VerbNames))]
    public void Every_verb_answers_help_with_each_option_described(string verb)
    {
        // Regression (issue 15): `scan --help` was "unknown option `--help`" (exit 2) and `scan -h` "cannot read `-h`".
        foreach (var help in new[] { "--help", "-h" })
        {
            var result = CliRunner.Run(verb, help);

            Assert.Equal(0, result.ExitCode);
            Assert.Equal("", result.Stderr);
            Assert.Contains($"Usage:\n  imaudit {verb} ", result.Stdout, StringComparison.Ordinal);
            foreach (var option in CommandTree.Find(verb)!.Options)
            {
                var line = result.Stdout.Split('\n').Single(l => l.StartsWith($"  {option.Name} ", StringComparison.Ordinal));
                Assert.Contains(option.Description.Split(' ')[0], line, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void The_overall_help_lists_every_verb_and_no_arguments_prints_it_as_a_usage_error()
    {
        var help = CliRunner.Run("--help");
        var none = CliRunner.Run();

        Assert.Equal(0, help.ExitCode);
        Golden.AssertMatches("help.txt", help.Stdout);
        Assert.All(CommandTree.Verbs, v => Assert.Contains($"\n  {v.Name} ", help.Stdout, StringComparison.Ordinal));
        Assert.Equal(2, none.ExitCode);
        Assert.Equal(help.Stdout, none.Stderr);
    }

    [Fact]
    public void Check_policy_help_says_it_exits_0_unless_fail_on_is_given()
    {
        var result = CliRunner.Run("check-policy", "--help");

        Golden.AssertMatches("help-check-policy.txt", result.Stdout);
        Assert.Contains("Exits 0 whatever it finds unless --fail-on is given", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_prints_imaudits_version_and_the_embedded_data_versions()
    {
        var result = CliRunner.Run("--version");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.TrimEnd('\n').Split('\n');
        Assert.Matches(@"^imaudit \d+\.\d+\.\d+", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("action catalogue: ", StringComparison.Ordinal) && l.Contains(IamCatalog.Default.Source, StringComparison.Ordinal));
        Assert.All(ManagedBaselines.Names, name => Assert.Contains(ManagedBaselines.Versions(name)[^1].QualifiedName, result.Stdout, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new[] { "scna" }, "unknown command `scna`; did you mean `scan`?")]
    [InlineData(new[] { "check-polcy", "p.json" }, "unknown command `check-polcy`; did you mean `check-policy`?")]
    [InlineData(new[] { "frobnicate" }, "unknown command `frobnicate`; run `imaudit --help`")]
    [InlineData(new[] { "scan", "--outt", "x" }, "unknown option `--outt`; did you mean `--out`?")]
    [InlineData(new[] { "check-policy", "p.json", "--fali-on", "high" }, "unknown option `--fali-on`; did you mean `--fail-on`?")]
    [InlineData(new[] { "simulate", "--actoin=x" }, "unknown option `--actoin`; did you mean `--action`?")]
    [InlineData(new[] { "scan", "--colour" }, "unknown option `--colour`; run `imaudit scan --help`")]
    [InlineData(new[] { "scan", "--out" }, "option `--out` needs a value")]
    [InlineData(new[] { "scan", "--live=yes" }, "option `--live` takes no value")]
    [InlineData(new[] { "scan", "--version" }, "unknown option `--version`")]
    [InlineData(new[] { "rules", "IMA3O1" }, "unknown rule `IMA3O1`; did you mean `IMA301`?")]
    [InlineData(new[] { "completion", "fish" }, "completion takes one shell, `bash` or `zsh`, not `fish`")]
    public void A_mistake_is_one_line_exit_2_with_a_suggestion_when_one_is_close(string[] args, string message)
    {
        var result = CliRunner.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal($"imaudit: {message}", result.Stderr.TrimEnd('\n').Split('\n').Single()[..($"imaudit: {message}".Length)]);
    }

    [Fact]
    public void Rules_with_an_id_prints_that_rule()
    {
        // Regression (issue 15): `rules IMA301` ignored its argument and listed every rule.
        var rule = Engine.Rules.RuleRegistry.All.Single(r => r.Id == "IMA301");

        var result = CliRunner.Run("rules", "ima301");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith($"IMA301  {rule.Name}\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"severity: {rule.DefaultSeverity.Name()} (default)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(rule.Title, result.Stdout, StringComparison.Ordinal);
        Assert.Contains(rule.Summary, result.Stdout, StringComparison.Ordinal);
        Assert.Contains("docs/rules/IMA301.md", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("IMA302", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("imaudit sc", "scan")]
    [InlineData("imaudit ", "check-policy")]
    [InlineData("imaudit scan --fo", "--format")]
    [InlineData("imaudit scan --format ", "asff")]
    [InlineData("imaudit check-policy p.json --type ", "trust")]
    [InlineData("imaudit diff a b --fail-on ", "critical")]
    public void Completion_requests_answer_from_the_parsers_own_tree(string line, string expected)
    {
        var result = CliRunner.Run($"[suggest:{line.Length}]", line);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(expected, result.Stdout.Split('\n'));
    }

    [Fact]
    public void Completion_offers_only_what_fits_where_the_cursor_is()
    {
        var verbs = CliRunner.Run("[suggest:10]", "imaudit sc").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var formats = CliRunner.Run("[suggest:26]", "imaudit expand x --format ").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(["scan"], verbs);
        Assert.Equal(["json", "text"], formats.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("bash", "complete -o default -o bashdefault -F _imaudit_complete imaudit")]
    [InlineData("zsh", "bashcompinit")]
    public void Completion_prints_a_script_that_asks_imaudit(string shell, string expected)
    {
        var result = CliRunner.Run("completion", shell);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(expected, result.Stdout, StringComparison.Ordinal);
        Assert.Contains("imaudit \"[suggest:${COMP_POINT}]\" \"${COMP_LINE}\"", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_double_dash_a_name_starting_with_a_dash_is_a_file_and_at_is_no_response_file()
    {
        var dashed = CliRunner.Run("check-policy", "--", "-policy.json");
        var at = CliRunner.Run("check-policy", "@policy.json");

        Assert.Equal(2, dashed.ExitCode);
        Assert.StartsWith("imaudit: cannot read `-policy.json`", dashed.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("imaudit: cannot read `@policy.json`", at.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("scan", "scna", 1)]
    [InlineData("--out", "--outt", 1)]
    [InlineData("check-policy", "chekc-policy", 1)]
    [InlineData("abc", "xyz", 3)]
    public void Edit_distance_counts_a_swap_of_neighbours_as_one(string a, string b, int distance) =>
        Assert.Equal(distance, Suggestions.Distance(a, b));
}
