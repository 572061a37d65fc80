using ImAudit.Engine;
using System.Text.RegularExpressions;
using ImAudit.Engine.Policies;

namespace ImAudit.Cli;

/// <summary>
/// The options of <c>scan --live --organization</c>, checked before anything is read: a mistake is one line and
/// exit 2 at once, not after an hour of collection.
/// </summary>
internal sealed partial record LiveOrganizationOptions(
    string? Region, string? Profile, string? RoleArn, string? ExternalId, string MemberRoleName, int MaxConcurrency, TimeSpan Timeout)
{
    public const string DefaultMemberRoleName = "ImAuditMemberRole";
    public const int DefaultMaxConcurrency = 8;
    public const int MaxConcurrencyLimit = 64;

    // An organization takes longer than one account (the account scan's default is 10 minutes).
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(60);

    /// <summary>The options when <c>--organization</c> is given; null when it is not (and none of its options is).</summary>
    public static LiveOrganizationOptions? Parse(Arguments arguments)
    {
        if (!arguments.Has("--organization"))
        {
            return (arguments.Single("--member-role-name") ?? arguments.Single("--max-concurrency")) is null
                ? null
                : throw new UsageException("--member-role-name and --max-concurrency go with --organization");
        }
        if (arguments.Positionals.Count > 0)
            throw new UsageException("--organization reads the organization live and takes no PATH; `imaudit scan DIR` audits accounts saved in DIR");
        if (!arguments.Has("--live"))
            throw new UsageException("--organization goes with --live: `imaudit scan --live --organization`");
        return new(arguments.Single("--region"), arguments.Single("--profile"), arguments.Single("--role-arn"), CheckedExternalId(arguments.Single("--external-id")),
            CheckedRoleName(arguments.Single("--member-role-name")), CheckedConcurrency(arguments.Single("--max-concurrency")), CheckedTimeout(arguments.Single("--timeout")));
    }

    private static string CheckedRoleName(string? text) =>
        text is null ? DefaultMemberRoleName
            : RoleName().IsMatch(text) && text.Length <= 512 + 64 ? text
            : throw new UsageException($"--member-role-name `{MessageText.Inline(text)}` is not an IAM role name (up to 64 letters, digits and `+=,.@_-`, optionally after a path such as `audit/`)");

    private static int CheckedConcurrency(string? text) =>
        text is null ? DefaultMaxConcurrency
            : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxConcurrencyLimit ? n
            : throw new UsageException($"--max-concurrency `{MessageText.Inline(text)}` is not a number from 1 to {MaxConcurrencyLimit}");

    private static TimeSpan CheckedTimeout(string? text) =>
        text is null ? DefaultTimeout
            : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds)
            : throw new UsageException($"--timeout `{MessageText.Inline(text)}` is not a number of seconds");

    // Every member role would refuse a malformed external ID: said once, here, rather than once per account.
    private static string? CheckedExternalId(string? text) =>
        text is null || ExternalIdPattern().IsMatch(text) ? text
            : throw new UsageException($"--external-id `{MessageText.Inline(text)}` is not an STS external ID (2 to 1224 letters, digits and `+=,.@:/_-`)");

    // IAM: a role name is 1–64 of [\w+=,.@-]; a path is `/`-separated segments of the same characters here (IAM allows
    // more punctuation in paths, which no member role ImAudit deploys uses).
    [GeneratedRegex(@"^(?:[A-Za-z0-9_+=,.@-]+/)*[A-Za-z0-9_+=,.@-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RoleName();

    // STS AssumeRole: ExternalId is 2–1224 of [\w+=,.@:/-].
    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@:/-]{2,1224}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ExternalIdPattern();
}
