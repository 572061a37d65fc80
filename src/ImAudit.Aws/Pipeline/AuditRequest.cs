using System.Text.Json;

namespace ImAudit.Aws.Pipeline;

/// <summary>
/// What one invocation asks for, read from its event: an EventBridge rule "Scheduled Event", an EventBridge
/// Scheduler default event (<c>detail</c> is the string <c>"{}"</c>), an event without <c>version</c> (as
/// <c>sam local generate-event</c> makes), or an on-demand event with options at the top level or under
/// <c>detail</c>: <c>dryRun</c>, <c>regions</c>, <c>roleArn</c> (+ <c>externalId</c>), <c>reportPrefix</c>. The
/// organization audit's state machine sends <c>{"accountId", "roleArn"}</c> per account and
/// <c>{"action": "aggregate", "results": […]}</c> once at the end.
/// </summary>
public sealed record AuditRequest(string Trigger, bool DryRun, IReadOnlyList<string> Regions, string? RoleArn, string? ExternalId, string? ReportPrefix)
{
    /// <summary>The member account a per-account event of the organization audit names (its role is in it).</summary>
    public string? AccountId { get; init; }

    /// <summary>Set for the organization audit's last step instead of an account audit.</summary>
    public AggregateRequest? Aggregate { get; init; }

    public static AuditRequest Scheduled { get; } = new("schedule", false, [], null, null, null);

    /// <summary>
    /// The aggregate event nests its results one array level per page of 20 accounts (the state machine cannot
    /// concatenate), so its depth grows with the organization: 1,024 levels is 20,000 accounts, past what a Step
    /// Functions payload (256 KiB) can carry; the default 64 would stop at 61 pages (1,220 accounts).
    /// </summary>
    private static readonly JsonDocumentOptions EventOptions = new() { MaxDepth = 1024 };

    /// <summary>The request an event makes, or an error naming what is wrong with it (one line).</summary>
    public static AuditRequest Parse(ReadOnlySpan<byte> json, out string? error)
    {
        error = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.IsEmpty ? "{}"u8.ToArray() : json.ToArray(), EventOptions);
        }
        catch (JsonException e)
        {
            error = $"the event is not JSON: {e.Message}";
            return Scheduled;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = $"the event is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object";
                return Scheduled;
            }
            var trigger = Text(root, "detail-type") switch
            {
                "Scheduled Event" => Text(root, "source") == "aws.scheduler" ? "scheduler" : "schedule",
                null => "on-demand",
                var other => other,
            };
            // Options sit at the top level or in `detail`, an object or (EventBridge Scheduler) a JSON string.
            var options = root;
            if (root.TryGetProperty("detail", out var detail))
            {
                if (detail.ValueKind == JsonValueKind.String)
                {
                    try
                    {
                        using var inner = JsonDocument.Parse(detail.GetString()!, EventOptions);
                        return Read(inner.RootElement.ValueKind == JsonValueKind.Object ? inner.RootElement : root, trigger, out error);
                    }
                    catch (JsonException e)
                    {
                        error = $"`detail` is a string but not JSON: {e.Message}";
                        return Scheduled;
                    }
                }
                if (detail.ValueKind == JsonValueKind.Object && detail.EnumerateObject().Any())
                    options = detail;
            }
            return Read(options, trigger, out error);
        }
    }

    private static AuditRequest Read(JsonElement options, string trigger, out string? error)
    {
        error = null;
        var dryRun = options.TryGetProperty("dryRun", out var d) && d.ValueKind is JsonValueKind.True;
        if (options.TryGetProperty("dryRun", out d) && d.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            error = "`dryRun` must be true or false";
        var regions = new List<string>();
        if (options.TryGetProperty("regions", out var r))
        {
            if (r.ValueKind != JsonValueKind.Array || r.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String))
                error = "`regions` must be a list of Region names";
            else
                regions.AddRange(r.EnumerateArray().Select(x => x.GetString()!));
        }
        var roleArn = Text(options, "roleArn");
        if (roleArn is not null && !roleArn.StartsWith("arn:", StringComparison.Ordinal))
            error = $"`roleArn` `{roleArn}` is not an ARN";
        var accountId = Text(options, "accountId");
        if (accountId is not null && (accountId.Length != 12 || !accountId.All(char.IsAsciiDigit)))
            error = $"`accountId` `{accountId}` is not a 12-digit account ID";
        else if (accountId is not null && roleArn is null)
            error = $"`accountId` `{accountId}` needs the `roleArn` of its member role";
        else if (accountId is not null && Engine.Arn.Parse(roleArn)?.Account != accountId)
            error = $"`roleArn` `{roleArn}` is not a role in account `{accountId}`";
        var prefix = Text(options, "reportPrefix");
        if (prefix is not null && PrefixProblem(prefix) is { } problem)
            error = problem;
        AggregateRequest? aggregate = null;
        if (options.TryGetProperty("action", out var action))
        {
            if (action.ValueKind == JsonValueKind.String && action.GetString() == "aggregate")
                aggregate = AggregateRequest.Read(options, ref error);
            else
                error = $"`action` `{(action.ValueKind == JsonValueKind.String ? action.GetString() : action.GetRawText())}` is not `aggregate`";
        }
        return new AuditRequest(aggregate is null ? trigger : "organization", dryRun, regions, roleArn, Text(options, "externalId"), prefix)
        {
            AccountId = accountId,
            Aggregate = aggregate,
        };
    }

    /// <summary>The longest <c>reportPrefix</c>: keys stay far below S3's 1,024 bytes and path limits on disk.</summary>
    public const int MaxPrefixLength = 128;

    private static readonly System.Buffers.SearchValues<char> SafeKeyCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!-_.*'()/");

    // S3's "safe" key characters, which every file system accepts too; segments as report keys need them.
    private static string? PrefixProblem(string prefix)
    {
        if (prefix.Length == 0)
            return "`reportPrefix` is empty; leave it out for the configured prefix";
        if (prefix.Length > MaxPrefixLength)
            return $"`reportPrefix` is {prefix.Length} characters long; at most {MaxPrefixLength}";
        var bad = prefix.IndexOfAnyExcept(SafeKeyCharacters);
        if (bad >= 0)
            return $"`reportPrefix` holds the character U+{(int)prefix[bad]:X4} at position {bad + 1}; use letters, digits and `!-_.*'()/`";
        var inline = Engine.MessageText.Inline(prefix);
        if (prefix.StartsWith('/'))
            return $"`reportPrefix` `{inline}` starts with `/`; it must be a relative key prefix";
        var segments = prefix.TrimEnd('/').Split('/');
        if (segments.Any(s => s is ".."))
            return $"`reportPrefix` `{inline}` has a `..` segment; it must be a relative key prefix";
        if (segments.Any(s => s is "."))
            return $"`reportPrefix` `{inline}` has a `.` segment";
        if (segments.Any(s => s.Length == 0) || prefix.EndsWith("//", StringComparison.Ordinal))
            return $"`reportPrefix` `{inline}` has an empty segment";
        return null;
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
