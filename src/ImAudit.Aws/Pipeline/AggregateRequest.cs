using System.Collections.Immutable;
using System.Text.Json;

namespace ImAudit.Aws.Pipeline;

/// <summary>
/// The organization audit's last step: the state machine's execution and what became of each account (audited,
/// failed with the error and its cause, or skipped for its state). The state machine nests the results one array
/// level per page of accounts (JSONPath cannot concatenate); they are flattened here.
/// </summary>
public sealed record AggregateRequest(string? Execution, ImmutableArray<AccountOutcome> Results)
{
    public IEnumerable<AccountOutcome> Failed => Results.Where(r => r.Status == "failed");

    internal static AggregateRequest Read(JsonElement options, ref string? error)
    {
        var results = ImmutableArray.CreateBuilder<AccountOutcome>();
        if (options.TryGetProperty("results", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array)
                error = "`results` must be a list of account outcomes";
            else
                Flatten(list, results, ref error);
        }
        var execution = options.TryGetProperty("execution", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        return new AggregateRequest(execution, results.ToImmutable());
    }

    private static void Flatten(JsonElement list, ImmutableArray<AccountOutcome>.Builder into, ref string? error)
    {
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Array)
            {
                Flatten(item, into, ref error);
                continue;
            }
            if (item.ValueKind != JsonValueKind.Object || Text(item, "accountId") is not { } account || Text(item, "status") is not { } status)
            {
                error = $"`results` holds `{Short(item.GetRawText())}`, not an object with `accountId` and `status`";
                continue;
            }
            if (status is not ("audited" or "failed" or "skipped"))
                error = $"account `{account}` has the status `{status}`, not `audited`, `failed` or `skipped`";
            into.Add(new AccountOutcome(account, status, Text(item, "error"), Text(item, "cause")));
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Short(string text) => text.Length <= 60 ? text : text[..57] + "...";
}

/// <summary>One account's outcome in the organization audit.</summary>
public sealed record AccountOutcome(string AccountId, string Status, string? Error, string? Cause);

/// <summary>What the aggregate step answers until the organization report is wired in: the outcome counts and failures.</summary>
public static class AggregateSummaryJson
{
    public static byte[] Write(AggregateRequest request)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("action", "aggregate");
            w.WriteString("execution", request.Execution);
            w.WriteNumber("accounts", request.Results.Length);
            foreach (var status in new[] { "audited", "failed", "skipped" })
                w.WriteNumber(status, request.Results.Count(r => r.Status == status));
            w.WriteStartArray("failures");
            foreach (var failure in request.Failed)
            {
                w.WriteStartObject();
                w.WriteString("accountId", failure.AccountId);
                w.WriteString("error", failure.Error);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteBoolean("organizationReport", false);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
