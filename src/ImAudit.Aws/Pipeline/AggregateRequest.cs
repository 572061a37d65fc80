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
public sealed record AccountOutcome(string AccountId, string Status, string? Error, string? Cause)
{
    private const int MaxReason = 400;

    /// <summary>Why a failed account failed, in one line: the error, and the message its cause carries (a Lambda error's <c>errorMessage</c>).</summary>
    public string Reason
    {
        get
        {
            var message = Cause;
            if (Cause is { Length: > 0 } cause && cause.TrimStart().StartsWith('{'))
            {
                try
                {
                    using var document = JsonDocument.Parse(cause);
                    if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("errorMessage", out var m) && m.ValueKind == JsonValueKind.String)
                        message = m.GetString();
                }
                catch (JsonException)
                {
                    // Not JSON after all: the cause as it is.
                }
            }
            var reason = Engine.MessageText.OneLine(string.IsNullOrEmpty(message) ? Error ?? "failed" : $"{Error ?? "failed"}: {message}");
            return reason.Length <= MaxReason ? reason : reason[..(MaxReason - 1)] + "…";
        }
    }
}
